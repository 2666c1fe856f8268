using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Multiconnect.Harness;

public static class FreePort
{
    /// <summary>How many ports below the OS's ephemeral range are picked from.</summary>
    private const int Span = 12_000;

    /// <summary>
    /// How long a port handed out stays ours: until a child has bound it, it still looks free, and two picks
    /// for one process (a simulator's API and management ports, in CI) could otherwise be the same port.
    /// </summary>
    private const long ClaimMilliseconds = 120_000;

    private static readonly ConcurrentDictionary<int, long> Claimed = new();

    /// <summary>
    /// A free port on loopback, for a child process to bind, picked at random just below the OS's ephemeral
    /// range. A port from that range (the OS's own pick, port 0) can be handed to an outgoing connection of
    /// any process between our check and the child's bind, and was (a CoreApp's management port, in CI);
    /// below it, only another listener can take it.
    /// </summary>
    public static int Next()
    {
        var (low, high) = Below(EphemeralStart());
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(low, high);
            if (IsFree(port) && Claim(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {low} and {high} after 1,000 tries.");
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports (for `./mc up --gateways`, which uses the ports after --port).</summary>
    public static int NextRun(int count)
    {
        while (true)
        {
            var first = Next();
            if (first + count - 1 <= IPEndPoint.MaxPort && Enumerable.Range(first + 1, count - 1).All(IsFree))
            {
                return first;
            }
        }
    }

    /// <summary>True when <paramref name="port"/> was not handed out by this process within the claim period; it is now.</summary>
    private static bool Claim(int port)
    {
        var now = Environment.TickCount64;
        while (true)
        {
            if (!Claimed.TryGetValue(port, out var at))
            {
                if (Claimed.TryAdd(port, now))
                {
                    return true;
                }
            }
            else if (now - at < ClaimMilliseconds)
            {
                return false;
            }
            else if (Claimed.TryUpdate(port, now, at))
            {
                return true;
            }
        }
    }

    /// <summary>Ports [<paramref name="ephemeralStart"/> − 12,000, <paramref name="ephemeralStart"/>), or above 10,000 when the range starts low.</summary>
    private static (int Low, int High) Below(int ephemeralStart) =>
        ephemeralStart - Span >= 10_000 ? (ephemeralStart - Span, ephemeralStart) : (10_000, 10_000 + Span);

    /// <summary>The first port of Linux's ephemeral range (32768 by default; the IANA range's 49152 elsewhere).</summary>
    private static int EphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 49_152;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
