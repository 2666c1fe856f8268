namespace Multiconnect.Gateway.Apis;

/// <summary>An answer with nothing to say but <c>meta</c>, as the original answers a logout, two-step changes and registrations.</summary>
public sealed record EmptyResponse : ApiResponse;
