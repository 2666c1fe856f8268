namespace Multiconnect.Gateway.Apis;

/// <summary>POST /v1/account's 202: <c>{"account":[{"vname":"…"}]}</c>, the verified name of the certificate whose number was sent a code.</summary>
public sealed record RegistrationResponse(IReadOnlyList<VerifiedName> Account) : ApiResponse;
