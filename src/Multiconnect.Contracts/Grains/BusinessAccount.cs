namespace Multiconnect.Contracts.Grains;

/// <summary>The business number the cluster serves, and its base64 verified-name certificate, as given to POST /v1/account/shards.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessAccount(
    [property: Id(0)] string Cc,
    [property: Id(1)] string PhoneNumber,
    [property: Id(2)] string Certificate);
