namespace Multiconnect.Gateway.Apis;

/// <summary>A media file's id, as the original writes it: a UUID, <c>d674171b-b912-4d76-9118-e2d571e16f33</c>.</summary>
public sealed record MediaId(string Id);
