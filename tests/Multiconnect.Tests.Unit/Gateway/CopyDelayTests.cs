using Multiconnect.Gateway.Cluster;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class CopyDelayTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void Without_answers_or_with_quick_ones_a_call_is_copied_after_the_floor()
    {
        var delay = new CopyDelay(Floor);
        Assert.Equal(Floor, delay.Current);

        for (var i = 0; i < 100; i++)
        {
            delay.Observe(TimeSpan.FromMilliseconds(3));
        }

        Assert.Equal(Floor, delay.Current);
    }

    [Fact]
    public void Under_load_the_delay_follows_four_times_the_typical_answer_and_comes_back_when_it_passes()
    {
        var delay = new CopyDelay(Floor);
        for (var i = 0; i < 200; i++)
        {
            delay.Observe(TimeSpan.FromMilliseconds(100));
        }

        Assert.InRange(delay.Current, TimeSpan.FromMilliseconds(390), TimeSpan.FromMilliseconds(400));

        // One slow answer moves it by a sixteenth of the difference, not all the way.
        delay.Observe(TimeSpan.FromSeconds(2));
        Assert.InRange(delay.Current, TimeSpan.FromMilliseconds(860), TimeSpan.FromMilliseconds(880));

        for (var i = 0; i < 200; i++)
        {
            delay.Observe(TimeSpan.FromMilliseconds(3));
        }

        Assert.Equal(Floor, delay.Current);
    }
}
