namespace Multiconnect.Upstream.Client;

/// <summary>The session ended before a send was answered; whether the server accepted it is unknown: send it again on the next session.</summary>
public sealed class UpstreamSessionClosedException : Exception
{
    public UpstreamSessionClosedException()
    {
    }

    public UpstreamSessionClosedException(string message)
        : base(message)
    {
    }

    public UpstreamSessionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
