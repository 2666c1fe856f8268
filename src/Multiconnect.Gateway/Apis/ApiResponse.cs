using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// Every JSON answer carries <c>meta</c>, as the original's Webapp adds it to each response it builds
/// (../shared/WA-API.md §10): <c>{"api_status":"stable","version":"…"}</c>. Errors carry it too (<see cref="ApiErrorResponse"/>).
/// </summary>
public abstract record ApiResponse
{
    public ApiMeta Meta { get; init; } = ApiMeta.Current;
}
