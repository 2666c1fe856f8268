using Multiconnect.Contracts.Routing;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// POST /v1/account/shards: <c>{"cc","phone_number","shards","pin"?,"cert"?}</c> (<see cref="AccountFields"/>),
/// shards one of 1, 2, 4, 8, 16, 32. Without cert, the servers accept the change only within 7 days of
/// the number's registration (docs/account.md).
/// </summary>
public sealed record ShardChangeRequest(string Cc, string PhoneNumber, ShardCount Shards, string? Pin, string? Cert)
{
    public static Validated<ShardChangeRequest> From(JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        body.OnlyKnown("cc", "phone_number", "shards", "pin", "cert");
        var (cc, phoneNumber, pin, cert) = AccountFields.Read(body, certRequired: false);
        var shards = body.RequiredInteger("shards");
        if (shards is { } count && !ShardCount.IsAllowed(count))
        {
            body.Invalid("shards", $"must be one of {string.Join(", ", ShardCount.Allowed)}; got {count}");
        }

        return body.Problems ?? (Validated<ShardChangeRequest>)new ShardChangeRequest(cc!, phoneNumber!, ShardCount.From(shards!.Value), pin, cert);
    }
}
