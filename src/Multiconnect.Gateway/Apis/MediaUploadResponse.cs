namespace Multiconnect.Gateway.Apis;

/// <summary>The original's answer to an upload: <c>{"media":[{"id":"…"}],"meta":{…}}</c>.</summary>
public sealed record MediaUploadResponse(IReadOnlyList<MediaId> Media) : ApiResponse;
