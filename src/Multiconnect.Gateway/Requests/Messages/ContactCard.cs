using System.Globalization;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// One card of a <c>contacts</c> message (WA-API.md §3.7): <c>name.formatted_name</c> required; phones,
/// emails, addresses, org, urls optional; <c>birthday</c> YYYY-MM-DD. Every text is at most
/// <see cref="MaxTextLength"/> characters (our choice: the original documents no limits).
/// </summary>
public sealed record ContactCard(
    ContactName? Name,
    IReadOnlyList<ContactPhone>? Phones = null,
    IReadOnlyList<ContactEmail>? Emails = null,
    IReadOnlyList<ContactAddress>? Addresses = null,
    ContactOrg? Org = null,
    IReadOnlyList<ContactUrl>? Urls = null,
    string? Birthday = null)
{
    public const int MaxTextLength = 1000;

    public const int MaxItems = 20;

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Name, $"{path}.name"))
        {
            problems.Text(Name.FormattedName, $"{path}.name.formatted_name", 1, MaxTextLength);
            Texts(problems, $"{path}.name", ("first_name", Name.FirstName), ("last_name", Name.LastName), ("middle_name", Name.MiddleName),
                ("suffix", Name.Suffix), ("prefix", Name.Prefix));
        }

        problems.Each(Phones, $"{path}.phones", 0, MaxItems, (p, at) => Texts(problems, at, ("phone", p.Phone), ("type", p.Type), ("wa_id", p.WaId)));
        problems.Each(Emails, $"{path}.emails", 0, MaxItems, (e, at) => Texts(problems, at, ("email", e.Email), ("type", e.Type)));
        problems.Each(Addresses, $"{path}.addresses", 0, MaxItems, (a, at) => Texts(problems, at, ("street", a.Street), ("city", a.City), ("state", a.State),
            ("zip", a.Zip), ("country", a.Country), ("country_code", a.CountryCode), ("type", a.Type)));
        problems.Each(Urls, $"{path}.urls", 0, MaxItems, (u, at) => Texts(problems, at, ("url", u.Url), ("type", u.Type)));
        if (Org is not null)
        {
            Texts(problems, $"{path}.org", ("company", Org.Company), ("department", Org.Department), ("title", Org.Title));
        }

        if (Birthday is not null && !DateOnly.TryParseExact(Birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Invalid($"{path}.birthday", "must be a date written YYYY-MM-DD");
        }
    }

    private static void Texts(RequestProblems problems, string path, params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            problems.OptionalText(value, $"{path}.{name}", MaxTextLength);
        }
    }
}
