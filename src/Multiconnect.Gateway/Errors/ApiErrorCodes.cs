namespace Multiconnect.Gateway.Errors;

/// <summary>The WhatsApp Business API error codes this gateway uses.</summary>
public static class ApiErrorCodes
{
    public const int GenericError = 1000;
    public const int AlreadyExists = 1004;
    public const int AccessDenied = 1005;
    public const int NotFound = 1006;
    public const int RequiredParameterMissing = 1008;
    public const int ParameterValueNotValid = 1009;
    public const int ServiceNotReady = 1011;
    public const int InternalError = 1014;
    public const int TooManyRequests = 1015;
    public const int SystemOverloaded = 1016;
    public const int NotPrimaryCoreApp = 1018;

    /// <summary>"Sender account has been locked": here, blocked by the WhatsApp servers (an expired certificate). Its HTTP status is not documented: 403 (docs/account.md).</summary>
    public const int AccountLocked = 1031;
}
