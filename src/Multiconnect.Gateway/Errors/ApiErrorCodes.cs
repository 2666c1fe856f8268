namespace Multiconnect.Gateway.Errors;

/// <summary>The WhatsApp Business API error codes this gateway uses.</summary>
public static class ApiErrorCodes
{
    public const int GenericError = 1000;
    public const int MessageTooLong = 1001;
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

    /// <summary>"Invalid number of sections": an interactive list needs 1 to 10.</summary>
    public const int InvalidSectionCount = 2015;

    /// <summary>"Invalid number of rows": an interactive list needs a row in each section, at most 10 in all.</summary>
    public const int InvalidRowCount = 2016;

    /// <summary>"Sender account has been locked": here, blocked by the WhatsApp servers (an expired certificate). Its HTTP status is not documented: 403 (docs/account.md).</summary>
    public const int AccountLocked = 1031;
}
