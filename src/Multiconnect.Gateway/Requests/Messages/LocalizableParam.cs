namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A legacy <c>hsm</c> parameter: <c>default</c> required, optionally one of <c>currency</c> and <c>date_time</c> to localize it.</summary>
public sealed record LocalizableParam(string? Default, TemplateCurrency? Currency = null, TemplateDateTime? DateTime = null)
{
    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.Text(Default, $"{path}.default", 1, TemplateParameter.MaxTextLength);
        Currency?.Validate(problems, $"{path}.currency", fallbackRequired: false);
        DateTime?.Validate(problems, $"{path}.date_time", fallbackRequired: false);
        if (Currency is not null && DateTime is not null)
        {
            problems.Invalid(path, "may have currency or date_time, not both");
        }
    }
}
