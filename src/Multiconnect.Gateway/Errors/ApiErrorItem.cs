namespace Multiconnect.Gateway.Errors;

public sealed record ApiErrorItem(int Code, string Title, string Details);
