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
        app.MapPost("/v1/contacts", CheckAsync).WithName("CheckContacts")
            .Accepts<ContactsBody>(JsonRequestBody.ContentType)
            .WithSummary("Which numbers are WhatsApp ids: valid with the wa_id to send to, or invalid.");
        return app;
    }

    public static async Task<Results<Ok<ContactsResponse>, ApiError>> CheckAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contacts = await JsonRequestBody.ReadAsync(request, ContactsRequest.From);
        if (!contacts.IsValid)
        {
            return contacts.Error;
        }

        return TypedResults.Ok(new ContactsResponse([.. contacts.Value.Contacts.Select(input =>
            RecipientId.TryParse(input, out var recipient, out _)
                ? new ContactStatus(input, "valid", recipient.Value)
                : new ContactStatus(input, "invalid"))]));
    }
}
