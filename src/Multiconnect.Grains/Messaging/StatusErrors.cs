using Multiconnect.Persistence;
using Multiconnect.Upstream;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// The <c>errors</c> entry of a failed status, for a refusal by the upstream. The On-Premises API's
/// codes for refused sends are not all known (../docs/webhooks.md): a send to a number whose owner does
/// not use WhatsApp is its 470 (since v2.43, a message other than a template to such a number); any
/// other refusal of the message itself is 500 "Generic error". The upstream's reason and detail are the details.
/// </summary>
public static class StatusErrors
{
    public const int GenericError = 500;

    /// <summary>Our own reason, not the upstream's: the message was accepted for a business number the cluster no longer has.</summary>
    public const string NumberChanged = "number_changed";

    /// <summary>The original's code for a message sent to a number not on WhatsApp.</summary>
    public const int ReEngagementMessage = 470;

    public static StatusError For(string reason, string detail) => reason == RefusalReasons.NotOnWhatsApp
        ? new(ReEngagementMessage, "Re-engagement message", $"{reason}: {detail}")
        : new(GenericError, "Generic error", $"{reason}: {detail}");

    /// <summary>The metric label for a refusal: the reason when it is one of the protocol's or <see cref="NumberChanged"/>, else "other".</summary>
    public static string Label(string reason) => reason is RefusalReasons.Invalid or RefusalReasons.ProtocolError or RefusalReasons.NotOnWhatsApp or NumberChanged ? reason : "other";
}
