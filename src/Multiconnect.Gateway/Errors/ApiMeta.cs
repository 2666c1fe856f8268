namespace Multiconnect.Gateway.Errors;

/// <summary>The <c>meta</c> of every answer: the API's status and this build's version.</summary>
public sealed record ApiMeta(string ApiStatus, string Version)
{
    public static ApiMeta Current { get; } = new("stable", ApiError.Version);
}
