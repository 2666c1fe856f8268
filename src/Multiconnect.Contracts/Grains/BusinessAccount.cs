namespace Multiconnect.Contracts.Grains;

/// <summary>The business number the cluster serves, and its base64 verified-name certificate, as given to POST /v1/account/shards.</summary>
[GenerateSerializer, Immutable]
public sealed record BusinessAccount(
    [property: Id(0)] string Cc,
    [property: Id(1)] string PhoneNumber,
    [property: Id(2)] string Certificate)
{
    /// <summary>Country code and national number, as the number is written after a '+'.</summary>
    public string Number => Cc + PhoneNumber;

    /// <summary>Whether this account is of the number <paramref name="cc"/> <paramref name="phoneNumber"/>, whatever its certificate.</summary>
    public bool Is(string cc, string phoneNumber) => (Cc, PhoneNumber) == (cc, phoneNumber);
}
