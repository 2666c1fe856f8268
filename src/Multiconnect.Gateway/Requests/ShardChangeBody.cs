using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/shards: <c>{"cc","phone_number","shards","pin"?,"cert"?}</c> (<see cref="AccountFields"/>),
/// shards one of 1, 2, 4, 8, 16, 32. Without cert, the servers accept the change only within 7 days of
/// the number's registration (docs/account.md).
/// </summary>
public sealed record ShardChangeBody(
    [property: Required] string? Cc,
    [property: Required] string? PhoneNumber,
    [property: Required] int? Shards,
    string? Cert = null,
    string? Pin = null) : IRequestBody<ShardChangeBody>
{
    public static JsonTypeInfo<ShardChangeBody> JsonTypeInfo => RequestJsonContext.Default.ShardChangeBody;

    public void Validate(RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        AccountFields.Validate(problems, Cc, PhoneNumber, Pin, Cert, certRequired: false);
        if (problems.Required(Shards, "shards") && !ShardCount.IsAllowed(Shards.Value))
        {
            problems.Invalid("shards", $"must be one of {string.Join(", ", ShardCount.Allowed)}; got {Shards}");
        }
    }
}
