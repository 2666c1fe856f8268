namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A template's <c>language</c>: <c>code</c> (<c>en</c>, <c>en_US</c>, <c>pt_BR</c>…) and <c>policy</c>,
/// <c>deterministic</c> (the default) or the deprecated <c>fallback</c>.
/// </summary>
public sealed record TemplateLanguage(string? Code, string? Policy = null)
{
    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Code, $"{path}.code") && !IsLanguageCode(Code))
        {
            problems.Invalid($"{path}.code", $"must be a language code such as en or en_US; got '{Code}'");
        }

        if (Policy is not null and not ("deterministic" or "fallback"))
        {
            problems.Invalid($"{path}.policy", $"must be \"deterministic\" or \"fallback\"; got '{Policy}'");
        }
    }

    private static bool IsLanguageCode(string code) =>
        code.Length is >= 2 and <= 15 && code.All(c => char.IsAsciiLetter(c) || c == '_' || c == '-');
}
