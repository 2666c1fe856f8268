namespace Multiconnect.Upstream.Client;

/// <summary>The server refused to open the session; <see cref="Reason"/> is one of <see cref="RefusalReasons"/>.</summary>
public sealed class UpstreamRefusedException : Exception
{
    public UpstreamRefusedException()
        : this(RefusalReasons.ProtocolError, "refused")
    {
    }

    public UpstreamRefusedException(string message)
        : this(RefusalReasons.ProtocolError, message)
    {
    }

    public UpstreamRefusedException(string message, Exception innerException)
        : base(message, innerException) => Reason = RefusalReasons.ProtocolError;

    public UpstreamRefusedException(string reason, string detail, long? highestEpoch = null)
        : base($"The upstream refused the session: {reason} ({detail})")
    {
        Reason = reason;
        HighestEpoch = highestEpoch;
    }

    public string Reason { get; }

    /// <summary>For <c>fenced</c>: the highest epoch the server has seen for this shard.</summary>
    public long? HighestEpoch { get; }
}
