namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// <c>hsm</c>, the template format before v2.39.1 (WA-API.md §3.6), still accepted: <c>namespace</c>,
/// <c>element_name</c> and <c>language</c> required, <c>localizable_params</c> in order.
/// </summary>
public sealed record HsmContent(string? Namespace, string? ElementName, TemplateLanguage? Language, IReadOnlyList<LocalizableParam>? LocalizableParams = null)
{
    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.Text(Namespace, $"{path}.namespace", 1, 128);
        problems.Text(ElementName, $"{path}.element_name", 1, 512);
        if (problems.Required(Language, $"{path}.language"))
        {
            Language.Validate(problems, $"{path}.language");
        }

        problems.Each(LocalizableParams, $"{path}.localizable_params", 0, TemplateComponent.MaxParameters, (param, at) => param.Validate(problems, at));
    }
}
