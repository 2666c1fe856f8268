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
/// <item>a medium by id that the servers do not hold, or that could not be put there (deleted from the store after the message was accepted,
/// or refused by the servers): 1006 "Resource not found", the API's own code for a missing medium;</item>
/// <item>a template or hsm naming no template the number had approved in its language: 2001 "Template Missing"; one filling an
/// approved template's body with another number of parameters: 2000 "Template Param Count Mismatch";</item>
/// <item>a message not sent within its ttl (our own reason, <see cref="Expired"/>): 410 "Message expired", the original's;</item>
/// <item>any other refusal of the message itself: 500 "Generic error".</item>
/// </list>
/// The upstream's reason and detail are the details.
/// </summary>
public static class StatusErrors
{
    public const int GenericError = 500;

    /// <summary>Our own reason, not the upstream's: the message was accepted for a business number the cluster no longer has.</summary>
    public const string NumberChanged = "number_changed";

    /// <summary>Our own reason, not the upstream's: the message waited to be sent longer than its ttl.</summary>
    public const string Expired = "expired";

    /// <summary>The original's code for a message whose ttl passed.</summary>
    public const int MessageExpired = 410;

    /// <summary>The original's code for a message sent to a number not on WhatsApp.</summary>
    public const int ReEngagementMessage = 470;

    /// <summary>The original's webhook code for a message type it does not support.</summary>
    public const int UnsupportedMessageType = 501;

    /// <summary>The API's code for a medium that is not found.</summary>
    public const int ResourceNotFound = 1006;

    /// <summary>The original's code for a message the receiver cannot take.</summary>
    public const int ReceiverIncapable = 1026;

    /// <summary>The original's code for a template whose body is filled with another number of parameters than it takes.</summary>
    public const int TemplateParamCountMismatch = 2000;

    /// <summary>The original's code for a template that is not approved in the language asked for.</summary>
    public const int TemplateMissing = 2001;

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
            RefusalReasons.MediaMissing => new(ResourceNotFound, "Resource not found", details),
            RefusalReasons.TemplateMissing => new(TemplateMissing, "Template Missing", details),
            RefusalReasons.TemplateParamMismatch => new(TemplateParamCountMismatch, "Template Param Count Mismatch", details),
            Expired => new(MessageExpired, "Message expired", details),
            _ => new(GenericError, "Generic error", details),
        };
    }

    /// <summary>The metric label for a refusal: the reason when it is one of the protocol's, <see cref="NumberChanged"/> or <see cref="Expired"/>, else "other".</summary>
    public static string Label(string reason) =>
        reason is RefusalReasons.Invalid or RefusalReasons.ProtocolError or RefusalReasons.NotOnWhatsApp
            or RefusalReasons.TypeUnsupported or RefusalReasons.ContentInvalid or RefusalReasons.MediaMissing or RefusalReasons.TemplateMissing or RefusalReasons.TemplateParamMismatch
            or NumberChanged or Expired
            ? reason
            : "other";
}
