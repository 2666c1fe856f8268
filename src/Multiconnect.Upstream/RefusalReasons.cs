using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Upstream;

/// <summary>Why a session (<c>refused</c>), a send (<c>nack</c>) or a live session (<c>closing</c>) was turned away.</summary>
public static class RefusalReasons
{
    /// <summary>An epoch older than the highest one seen for this (number, shard).</summary>
    public const string Fenced = "fenced";

    /// <summary>A newer session for the same (number, shard) took over.</summary>
    public const string Superseded = "superseded";

    /// <summary>No certificate: accepted in an account check only within 7 days of the number's registration; after that it logs the account out.</summary>
    public const string CertificateMissing = "cert_missing";

    /// <summary>Not the registration code last sent to the number (or none was sent).</summary>
    public const string CodeWrong = AccountRefusal.CodeWrong;

    /// <summary>Not a certificate: malformed, or its signature does not verify (tampered, or another CA).</summary>
    public const string CertificateInvalid = "cert_invalid";

    /// <summary>A genuine certificate, but of another phone number.</summary>
    public const string CertificateWrongNumber = "cert_wrong_number";

    public const string CertificateExpired = "cert_expired";

    public const string CertificateNotYetValid = "cert_not_yet_valid";

    /// <summary>The account is logged out: a genuine certificate of another number was presented for it. An account check with its own certificate logs it in again.</summary>
    public const string LoggedOut = UpstreamStatus.LoggedOut;

    /// <summary>The account is blocked: an expired certificate was presented for it. Only the operator of the servers unblocks it.</summary>
    public const string Blocked = UpstreamStatus.Blocked;

    /// <summary>Two-step verification is on and an account check carried no PIN.</summary>
    public const string PinRequired = AccountRefusal.PinRequired;

    /// <summary>An account check carried a PIN that is not the account's; counted.</summary>
    public const string PinWrong = AccountRefusal.PinWrong;

    /// <summary>Too many wrong PINs in a row: account checks are refused for a while, even with the right PIN.</summary>
    public const string PinLocked = AccountRefusal.PinLocked;

    /// <summary>The server takes no new sessions for now (a fault, or shutting down): retry later.</summary>
    public const string Unavailable = "unavailable";

    public const string UnsupportedVersion = "unsupported_version";

    /// <summary>A field is missing or out of range; the detail says which.</summary>
    public const string Invalid = "invalid";

    /// <summary>A send to a number whose owner does not use WhatsApp: it can never be delivered.</summary>
    public const string NotOnWhatsApp = "not_on_whatsapp";

    /// <summary>A send of a message type the servers do not deliver (<see cref="MessageTypes.Outbound"/> lists those they do).</summary>
    public const string TypeUnsupported = "type_unsupported";

    /// <summary>A send whose body is not what its type needs (<see cref="MessageContent"/>); the detail says what is wrong.</summary>
    public const string ContentInvalid = "content_invalid";

    /// <summary>A send of media by id that the servers do not hold: the client puts a file (<see cref="UpstreamProtocol.MediaPath"/>) before it sends a message naming it.</summary>
    public const string MediaMissing = "media_missing";

    /// <summary>A template or hsm naming no template the number had approved, in that language.</summary>
    public const string TemplateMissing = "template_missing";

    /// <summary>A template or hsm filling its approved template's body with more or fewer parameters than it takes.</summary>
    public const string TemplateParamMismatch = "template_param_mismatch";

    /// <summary>A frame that cannot be read, or one that is not allowed at this point.</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>An operator closed the session on purpose (fault injection).</summary>
    public const string ClosedByFault = "closed_by_fault";

    public const string ShuttingDown = "shutting_down";
}
