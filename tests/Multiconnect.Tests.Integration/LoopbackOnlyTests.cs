using System.Globalization;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// On a laptop (./mc, and the tests, which start processes the same way) nothing listens beyond
/// loopback: not the silo's ports, not the unauthenticated management port, not the API.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LoopbackOnlyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Every_port_of_a_CoreApp_and_a_gateway_started_on_this_machine_listens_on_loopback_only()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var coreApp = await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");

        var coreAppPorts = ListeningSockets(coreApp.Pid);
        var gatewayPorts = ListeningSockets(gateway.Process.Pid);

        Assert.True(coreAppPorts.Count >= 3, $"the CoreApp listens on its silo, client and management ports: {string.Join(", ", coreAppPorts)}");
        Assert.True(gatewayPorts.Count >= 2, $"the gateway listens on its API and management ports: {string.Join(", ", gatewayPorts)}");
        Assert.All(coreAppPorts.Concat(gatewayPorts), socket => Assert.True(socket.Loopback, $"{socket} listens beyond loopback"));
    }

    /// <summary>The TCP sockets <paramref name="pid"/> listens on, from /proc (its socket inodes, matched in /proc/net/tcp and tcp6).</summary>
    private static List<Socket> ListeningSockets(int pid)
    {
        var inodes = Directory.GetFiles($"/proc/{pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target?.StartsWith("socket:[", StringComparison.Ordinal) == true)
            .Select(target => target![8..^1])
            .ToHashSet();
        const string Listen = "0A";
        return [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(table => File.ReadLines(table).Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields[3] == Listen && inodes.Contains(fields[9]))
            .Select(fields => fields[1].Split(':'))
            .Select(local => new Socket(local[0], int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];
    }

    /// <summary>A listening socket as /proc shows it: the address in hex (IPv4 little-endian; IPv6 in 32-bit words).</summary>
    private sealed record Socket(string Address, int Port)
    {
        public bool Loopback => Address is "0100007F" or "00000000000000000000000001000000" or "0000000000000000FFFF00000100007F";
    }
}
