using System.Net;
using System.Net.Sockets;

namespace Multiconnect.Harness;

public static class FreePort
{
    /// <summary>A port the OS just handed out on loopback, and released again for a child process to bind.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
