namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A template's component: <c>header</c> (parameters text, image, document, video), <c>body</c> (text,
/// currency, date_time) or <c>button</c> with <c>sub_type</c> <c>quick_reply</c> (one payload) or <c>url</c>
/// (one text, the URL's suffix) and its 0-based <c>index</c> as a string of digits.
/// </summary>
public sealed record TemplateComponent(string? Type, string? SubType = null, string? Index = null, IReadOnlyList<TemplateParameter>? Parameters = null)
{
    public const int MaxParameters = 100;

    private static readonly IReadOnlyList<string> HeaderParameters = ["text", "image", "document", "video"];
    private static readonly IReadOnlyList<string> BodyParameters = ["text", "currency", "date_time"];
    private static readonly IReadOnlyList<string> QuickReplyParameters = ["payload"];
    private static readonly IReadOnlyList<string> UrlParameters = ["text"];

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!problems.Required(Type, $"{path}.type"))
        {
            return;
        }

        IReadOnlyList<string> allowed;
        switch (Type)
        {
            case "header":
                allowed = HeaderParameters;
                break;
            case "body":
                allowed = BodyParameters;
                break;
            case "button":
                if (problems.Required(Index, $"{path}.index") && (Index.Length is 0 or > 2 || !Index.All(char.IsAsciiDigit)))
                {
                    problems.Invalid($"{path}.index", $"must be the button's 0-based position as a string of digits, such as \"0\"; got '{Index}'");
                }

                if (!problems.Required(SubType, $"{path}.sub_type"))
                {
                    return;
                }

                if (SubType is not ("quick_reply" or "url"))
                {
                    problems.Invalid($"{path}.sub_type", $"must be \"quick_reply\" or \"url\"; got '{SubType}'");
                    return;
                }

                allowed = SubType == "quick_reply" ? QuickReplyParameters : UrlParameters;
                break;
            default:
                problems.Invalid($"{path}.type", $"must be \"header\", \"body\" or \"button\"; got '{Type}'");
                return;
        }

        if (Type != "button" && (SubType is not null || Index is not null))
        {
            problems.Invalid(path, $"sub_type and index belong to a button component, not a {Type}");
        }

        problems.Each(Parameters, $"{path}.parameters", Type == "button" ? 1 : 0, Type == "button" ? 1 : MaxParameters, (parameter, at) => parameter.Validate(problems, at, allowed));
    }
}
