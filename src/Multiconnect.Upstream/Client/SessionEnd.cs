namespace Multiconnect.Upstream.Client;

/// <summary>How a session ended: the server's <c>closing</c> reason (e.g. <c>superseded</c>), or <c>disconnected</c> when the socket just went away.</summary>
public sealed record SessionEnd(string Reason, string Detail)
{
    public const string Disconnected = "disconnected";
    public const string ClosedByClient = "closed_by_client";
}
