namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A template component's parameter: <c>type</c> and the field of that name (<c>text</c>, <c>currency</c>,
/// <c>date_time</c>, <c>image</c>, <c>document</c>, <c>video</c>, <c>payload</c>), no other.
/// </summary>
public sealed record TemplateParameter(
    string? Type,
    string? Text = null,
    TemplateCurrency? Currency = null,
    TemplateDateTime? DateTime = null,
    MediaContent? Image = null,
    MediaContent? Document = null,
    MediaContent? Video = null,
    string? Payload = null)
{
    /// <summary>Our choice for a text parameter (the original documents none); the Cloud API takes 32,768 in a body.</summary>
    public const int MaxTextLength = 4096;

    public void Validate(RequestProblems problems, string path, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(allowed);
        if (!problems.Required(Type, $"{path}.type"))
        {
            return;
        }

        if (!allowed.Contains(Type))
        {
            problems.Invalid($"{path}.type", $"must be one of {string.Join(", ", allowed)} here; got '{Type}'");
            return;
        }

        var given = new (string Name, object? Value)[]
        {
            ("text", Text), ("currency", Currency), ("date_time", DateTime), ("image", Image), ("document", Document), ("video", Video), ("payload", Payload),
        };
        foreach (var (name, value) in given.Where(g => g.Value is not null && g.Name != Type))
        {
            problems.Invalid($"{path}.{name}", $"is not allowed in a parameter of type {Type}");
        }

        switch (Type)
        {
            case "text":
                problems.Text(Text, $"{path}.text", 1, MaxTextLength);
                break;
            case "payload":
                problems.Text(Payload, $"{path}.payload", 1, 256);
                break;
            case "currency":
                if (problems.Required(Currency, $"{path}.currency"))
                {
                    Currency.Validate(problems, $"{path}.currency");
                }

                break;
            case "date_time":
                if (problems.Required(DateTime, $"{path}.date_time"))
                {
                    DateTime.Validate(problems, $"{path}.date_time");
                }

                break;
            default:
                var media = Type switch { "image" => Image, "document" => Document, _ => Video };
                if (problems.Required(media, $"{path}.{Type}"))
                {
                    media.Validate(problems, $"{path}.{Type}", Type);
                }

                break;
        }
    }
}
