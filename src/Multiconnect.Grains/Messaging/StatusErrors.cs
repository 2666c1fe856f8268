using Multiconnect.Persistence;
using Multiconnect.Upstream;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// The <c>errors</c> entry of a failed status, for a refusal by the upstream. The On-Premises API's
/// codes for refused sends are not all known (../docs/webhooks.md); a refusal of the message itself
/// is reported as 500 "Generic error", with the upstream's reason and detail as the details.
/// </summary>
public static class StatusErrors
{
    public const int GenericError = 500;

    /// <summary>Our own reason, not the upstream's: the message was accepted for a business number the cluster no longer has.</summary>
    public const string NumberChanged = "number_changed";

    public static StatusError For(string reason, string detail) => new(GenericError, "Generic error", $"{reason}: {detail}");

    /// <summary>The metric label for a refusal: the reason when it is one of the protocol's or <see cref="NumberChanged"/>, else "other".</summary>
    public static string Label(string reason) => reason is RefusalReasons.Invalid or RefusalReasons.ProtocolError or NumberChanged ? reason : "other";
}
