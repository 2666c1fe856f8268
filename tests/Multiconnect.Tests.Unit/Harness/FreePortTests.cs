using Multiconnect.Harness;

namespace Multiconnect.Tests.Unit.Harness;

public sealed class FreePortTests
{
    [Fact]
    public void A_port_is_never_handed_out_twice_while_its_child_may_not_have_bound_it_yet()
    {
        // 2,000 picks among 12,000 ports would repeat one about 160 times if each pick only checked that the port looked free.
        var ports = Enumerable.Range(0, 2_000).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
