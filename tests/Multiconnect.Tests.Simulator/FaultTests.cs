using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace Multiconnect.Tests.Simulator;

public sealed class FaultTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task Closing_a_shards_session_ends_it_with_the_fault_as_reason()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var shard0 = await Simulator.OpenAsync(phone, cert, shard: 0, shards: 2);
        await using var shard1 = await Simulator.OpenAsync(phone, cert, shard: 1, shards: 2);

        await Simulator.PostAdminAsync("/admin/faults/close-session", new { number = RunningSimulator.Cc + phone, shard = 1 });

        Assert.Equal(RefusalReasons.ClosedByFault, (await shard1.Completion.WaitAsync(Eventually.DefaultTimeout)).Reason);
        Assert.False(shard0.Completion.IsCompleted);
        var shards = (await Simulator.NumberAsync(phone)).GetProperty("shards");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, shards[1].GetProperty("session").ValueKind);
        using var again = await Simulator.Admin.PostAsJsonAsync("/admin/faults/close-session", new { number = RunningSimulator.Cc + phone, shard = 1 });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Refusing_sessions_for_a_while_refuses_them_as_unavailable_until_it_is_over()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();

        await Simulator.PostAdminAsync("/admin/faults/refuse-sessions", new { seconds = 2, number = RunningSimulator.Cc + phone });

        var refused = await Assert.ThrowsAsync<UpstreamRefusedException>(() => Simulator.OpenAsync(phone, cert));
        Assert.Equal(RefusalReasons.Unavailable, refused.Reason);
        var session = await Eventually.Get(async () =>
        {
            try
            {
                return await Simulator.OpenAsync(phone, cert);
            }
            catch (UpstreamRefusedException e) when (e.Reason == RefusalReasons.Unavailable)
            {
                return null;
            }
        }, "sessions to be accepted again");
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Added_latency_delays_the_answers_until_it_is_cleared()
    {
        var phone = RunningSimulator.NewPhone();
        await using var session = await Simulator.OpenAsync(phone, await Simulator.IssueCertificateAsync(phone));
        await Simulator.PostAdminAsync("/admin/faults/latency", new { milliseconds = 400, number = RunningSimulator.Cc + phone });
        try
        {
            var slow = await RoundTrip(session, "slow");
            Assert.True(slow >= TimeSpan.FromMilliseconds(400), $"round trip {slow.TotalMilliseconds} ms with 400 ms latency");
        }
        finally
        {
            using var cleared = await Simulator.Admin.DeleteAsync("/admin/faults");
        }

        var fast = await RoundTrip(session, "fast");
        Assert.True(fast < TimeSpan.FromMilliseconds(400), $"round trip {fast.TotalMilliseconds} ms after clearing the latency");
    }

    private static async Task<TimeSpan> RoundTrip(UpstreamSession session, string id)
    {
        var started = Stopwatch.GetTimestamp();
        Assert.True((await session.SendAsync(new OutboundMessage(id, "447700900123", "hello"))).Accepted);
        return Stopwatch.GetElapsedTime(started);
    }
}
