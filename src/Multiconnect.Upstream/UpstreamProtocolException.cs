namespace Multiconnect.Upstream;

/// <summary>The peer broke the protocol: a frame that cannot be read, or one not allowed at that point.</summary>
public sealed class UpstreamProtocolException : Exception
{
    public UpstreamProtocolException()
    {
    }

    public UpstreamProtocolException(string message)
        : base(message)
    {
    }

    public UpstreamProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
