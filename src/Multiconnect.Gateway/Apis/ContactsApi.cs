using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Contracts.Routing;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// POST /v1/contacts, as the original answers it since v2.43: every number that is a phone number is
/// <c>valid</c>, with its WhatsApp id (whether or not its owner uses WhatsApp: a send to one who does
/// not becomes a <c>failed</c> status), and the others <c>invalid</c>. A number is valid exactly when
/// <c>POST /v1/messages</c> would take it as <c>to</c> (<see cref="RecipientId"/>), so the answer needs no
/// round trip and is never <c>processing</c>.
/// </summary>
public static class ContactsApi
{
    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/contacts", Check).WithName("CheckContacts")
            .WithRequestBody<ContactsBody>()
            .WithSummary("Which numbers are WhatsApp ids: valid with the wa_id to send to, or invalid.");
        return app;
    }

    public static Results<Ok<ContactsResponse>, ApiError> Check(RequestBody<ContactsBody> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        return TypedResults.Ok(new ContactsResponse([.. contacts.Value.Contacts!.Select(input =>
            RecipientId.TryParse(input, out var recipient, out _)
                ? new ContactStatus(input, "valid", recipient.Value)
                : new ContactStatus(input, "invalid"))]));
    }
}
