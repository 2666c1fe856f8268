using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>PUT /v1/messages/{id}: <c>{"status":"read"}</c>.</summary>
public sealed record MarkReadBody([property: Required] string? Status) : IRequestBody<MarkReadBody>
{
    public static JsonTypeInfo<MarkReadBody> JsonTypeInfo => RequestJsonContext.Default.MarkReadBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Required(Status, "status") && Status != "read")
        {
            problems.Invalid("status", "must be \"read\"");
        }
    }
}
