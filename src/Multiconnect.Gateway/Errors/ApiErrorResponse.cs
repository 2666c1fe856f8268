namespace Multiconnect.Gateway.Errors;

public sealed record ApiErrorResponse(IReadOnlyList<ApiErrorItem> Errors, ApiMeta Meta);
