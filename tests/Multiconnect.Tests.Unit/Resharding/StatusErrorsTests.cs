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
    [InlineData(RefusalReasons.NotOnWhatsApp, "not_on_whatsapp")]
    [InlineData(StatusErrors.NumberChanged, "number_changed")]
    [InlineData("something_new", "other")]
    public void The_metric_label_is_the_reason_when_known(string reason, string label) =>
        Assert.Equal(label, StatusErrors.Label(reason));
}
