namespace Multiconnect.Gateway.Apis;

/// <summary>An answer with nothing to say: <c>{}</c>, as the original answers two-step changes.</summary>
public sealed record EmptyResponse;
