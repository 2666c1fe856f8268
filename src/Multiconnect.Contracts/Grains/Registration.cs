namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The answer to a registration (POST /v1/account): the number is registered already (201), or the
/// WhatsApp servers sent it a code (<see cref="CodeSent"/>, 202) to be given to POST /v1/account/verify;
/// <see cref="VName"/> is then the verified name the certificate carries.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Registration(
    [property: Id(0)] bool CodeSent,
    [property: Id(1)] string? VName);
