namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// <c>template</c> (WA-API.md §3.5): <c>name</c> and <c>language</c> required, <c>namespace</c> optional (since
/// v2.41.2), <c>components</c> with the parameters: at most one header and one body, at most 3 quick-reply
/// buttons and 2 URL buttons, each button index once. Whether the template exists and its parameters
/// match is the WhatsApp servers' to say: a send they refuse becomes a <c>failed</c> status.
/// </summary>
public sealed record TemplateContent(string? Name, TemplateLanguage? Language, string? Namespace = null, IReadOnlyList<TemplateComponent>? Components = null)
{
    private static readonly string[] SingleComponents = ["header", "body"];

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.Text(Name, $"{path}.name", 1, 512);
        problems.OptionalText(Namespace, $"{path}.namespace", 128);
        if (problems.Required(Language, $"{path}.language"))
        {
            Language.Validate(problems, $"{path}.language");
        }

        if (!problems.Each(Components, $"{path}.components", 0, 10, (component, at) => component.Validate(problems, at)))
        {
            return;
        }

        var present = Components.Where(c => c is not null).ToList();
        foreach (var single in SingleComponents.Where(t => present.Count(c => c.Type == t) > 1))
        {
            problems.Invalid($"{path}.components", $"may have one {single} component; got {present.Count(c => c.Type == single)}");
        }

        Buttons(problems, path, present, "quick_reply", 3);
        Buttons(problems, path, present, "url", 2);
        var indexes = present.Where(c => c.Type == "button" && c.Index is not null).GroupBy(c => c.Index).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var index in indexes)
        {
            problems.Invalid($"{path}.components", $"has more than one button with index \"{index}\"");
        }
    }

    private static void Buttons(RequestProblems problems, string path, List<TemplateComponent> components, string subType, int max)
    {
        var count = components.Count(c => c.Type == "button" && c.SubType == subType);
        if (count > max)
        {
            problems.Invalid($"{path}.components", $"may have at most {max} {subType} buttons; got {count}");
        }
    }
}
