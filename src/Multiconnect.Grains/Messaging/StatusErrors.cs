using Multiconnect.Contracts.Messaging;
using Multiconnect.Persistence;
using Multiconnect.Upstream;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// The <c>errors</c> entry of a failed status, for a refusal by the upstream. The On-Premises API's
/// codes for refused sends are not all known (../docs/webhooks.md), so each refusal takes the code of the
/// original that says the same thing (../shared/WA-API.md §11):
/// <list type="bullet">
/// <item>a send to a number whose owner does not use WhatsApp: 470 (since v2.43, a message other than a template to such a number);</item>
/// <item>a type the servers do not deliver: 501 "Message type is not currently supported";</item>
/// <item>a template (or hsm) lacking what the servers need to find and fill it (name, language.code; namespace and element_name for an hsm):
/// 2009 "Template Required Component Missing";</item>
/// <item>any other message whose object lacks what its type needs (a location without latitude, media without id or link, …):
/// 1026 "Receiver Incapable", the original's failed status for content the receiving app cannot take;</item>
/// <item>any other refusal of the message itself: 500 "Generic error".</item>
/// </list>
/// The upstream's reason and detail are the details.
/// </summary>
public static class StatusErrors
{
    public const int GenericError = 500;

    /// <summary>Our own reason, not the upstream's: the message was accepted for a business number the cluster no longer has.</summary>
    public const string NumberChanged = "number_changed";

    /// <summary>The original's code for a message sent to a number not on WhatsApp.</summary>
    public const int ReEngagementMessage = 470;

    /// <summary>The original's webhook code for a message type it does not support.</summary>
    public const int UnsupportedMessageType = 501;

    /// <summary>The original's code for a message the receiver cannot take.</summary>
    public const int ReceiverIncapable = 1026;

    /// <summary>The original's code for a template missing a part it requires.</summary>
    public const int TemplateRequiredComponentMissing = 2009;

    public static StatusError For(string reason, string detail, string type = MessageTypes.Text)
    {
        var details = $"{reason}: {detail}";
        return reason switch
        {
            RefusalReasons.NotOnWhatsApp => new(ReEngagementMessage, "Re-engagement message", details),
            RefusalReasons.TypeUnsupported => new(UnsupportedMessageType, "Message type is not currently supported", details),
            RefusalReasons.ContentInvalid when type is MessageTypes.Template or MessageTypes.Hsm =>
                new(TemplateRequiredComponentMissing, "Template Required Component Missing", details),
            RefusalReasons.ContentInvalid => new(ReceiverIncapable, "Receiver Incapable", details),
            _ => new(GenericError, "Generic error", details),
        };
    }

    /// <summary>The metric label for a refusal: the reason when it is one of the protocol's or <see cref="NumberChanged"/>, else "other".</summary>
    public static string Label(string reason) =>
        reason is RefusalReasons.Invalid or RefusalReasons.ProtocolError or RefusalReasons.NotOnWhatsApp
            or RefusalReasons.TypeUnsupported or RefusalReasons.ContentInvalid or NumberChanged
            ? reason
            : "other";
}
