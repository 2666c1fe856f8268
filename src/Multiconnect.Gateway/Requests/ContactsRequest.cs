namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/contacts: <c>{"blocking":"wait"|"no_wait"?,"contacts":["…"],"force_check":bool?}</c>, the
/// phone numbers in any format people write them (up to <see cref="MaxContacts"/>).
/// </summary>
public sealed record ContactsRequest(IReadOnlyList<string> Contacts)
{
    /// <summary>Most numbers one request may check (the original's limit is not documented: our choice).</summary>
    public const int MaxContacts = 1000;

    public static Validated<ContactsRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("blocking", "contacts", "force_check");
        var blocking = body.OptionalString("blocking");
        var contacts = body.RequiredStrings("contacts", MaxContacts);
        body.OptionalBoolean("force_check");
        if (blocking is not null and not ("wait" or "no_wait"))
        {
            body.Invalid("blocking", $"must be \"wait\" or \"no_wait\"; got \"{blocking}\"");
        }

        return body.Problems ?? (Validated<ContactsRequest>)new ContactsRequest(contacts!);
    }
}
