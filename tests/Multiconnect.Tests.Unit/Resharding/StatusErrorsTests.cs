using Multiconnect.Grains.Messaging;
using Multiconnect.Upstream;

namespace Multiconnect.Tests.Unit.Resharding;

public sealed class StatusErrorsTests
{
    [Fact]
    public void A_recipient_not_on_whatsapp_is_the_originals_470_and_other_refusals_are_500()
    {
        var notOnWhatsApp = StatusErrors.For(RefusalReasons.NotOnWhatsApp, "to: 16315550999 is not a WhatsApp user");
        var invalid = StatusErrors.For(RefusalReasons.Invalid, "body too long");

        Assert.Equal((470, "Re-engagement message", "not_on_whatsapp: to: 16315550999 is not a WhatsApp user"), (notOnWhatsApp.Code, notOnWhatsApp.Title, notOnWhatsApp.Details));
        Assert.Equal((500, "Generic error"), (invalid.Code, invalid.Title));
    }

    [Theory]
    [InlineData("location", 1026, "Receiver Incapable")]
    [InlineData("image", 1026, "Receiver Incapable")]
    [InlineData("contacts", 1026, "Receiver Incapable")]
    [InlineData("template", 2009, "Template Required Component Missing")]
    [InlineData("hsm", 2009, "Template Required Component Missing")]
    public void Content_the_servers_refuse_takes_the_originals_code_for_its_type(string type, int code, string title)
    {
        var error = StatusErrors.For(RefusalReasons.ContentInvalid, $"{type}: something is required", type);

        Assert.Equal((code, title, $"content_invalid: {type}: something is required"), (error.Code, error.Title, error.Details));
    }

    [Fact]
    public void A_type_the_servers_do_not_deliver_is_the_originals_501()
    {
        var error = StatusErrors.For(RefusalReasons.TypeUnsupported, "type 'order' is not one the servers deliver", "order");

        Assert.Equal((501, "Message type is not currently supported"), (error.Code, error.Title));
    }

    [Theory]
    [InlineData(RefusalReasons.TemplateMissing, 2001, "Template Missing")]
    [InlineData(RefusalReasons.TemplateParamMismatch, 2000, "Template Param Count Mismatch")]
    [InlineData(RefusalReasons.MediaMissing, 1006, "Resource not found")]
    [InlineData(StatusErrors.Expired, 410, "Message expired")]
    public void Templates_media_and_expiry_take_the_originals_codes(string reason, int code, string title)
    {
        var error = StatusErrors.For(reason, "why", "template");

        Assert.Equal((code, title, $"{reason}: why"), (error.Code, error.Title, error.Details));
        Assert.Equal(reason, StatusErrors.Label(reason));
    }

    [Theory]
    [InlineData(RefusalReasons.ContentInvalid, "content_invalid")]
    [InlineData(RefusalReasons.TypeUnsupported, "type_unsupported")]
    [InlineData(RefusalReasons.NotOnWhatsApp, "not_on_whatsapp")]
    [InlineData(StatusErrors.NumberChanged, "number_changed")]
    [InlineData("something_new", "other")]
    public void The_metric_label_is_the_reason_when_known(string reason, string label) =>
        Assert.Equal(label, StatusErrors.Label(reason));
}
