using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/contacts: <c>{"blocking":"wait"|"no_wait"?,"contacts":["…"],"force_check":bool?}</c>, the
/// phone numbers in any format people write them (up to <see cref="MaxContacts"/>); blocking and
/// force_check are checked and change nothing (the answer needs no round trip).
/// </summary>
public sealed record ContactsBody([property: Required] IReadOnlyList<string>? Contacts, string? Blocking = null, bool? ForceCheck = null)
    : IRequestBody<ContactsBody>
{
    /// <summary>Most numbers one request may check (the original's limit is not documented: our choice).</summary>
    public const int MaxContacts = 1000;

    public static JsonTypeInfo<ContactsBody> JsonTypeInfo => RequestJsonContext.Default.ContactsBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Contacts, "contacts"))
        {
            problems.Each(Contacts, "contacts", 1, MaxContacts, (_, _) => { }); // each a string: the shape says so, null is missing
        }

        if (Blocking is not null and not ("wait" or "no_wait"))
        {
            problems.Invalid("blocking", $"must be \"wait\" or \"no_wait\"; got \"{Blocking}\"");
        }
    }
}
