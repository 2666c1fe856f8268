namespace Multiconnect.Upstream.Client;

/// <summary>
/// The server's answer to one send: accepted (possibly as a duplicate of an id it had accepted
/// before) with its timestamp, or refused with a reason such as <c>fenced</c>.
/// </summary>
public sealed record SendResult(string Id, bool Accepted, bool Duplicate, long ServerTime, string? Reason, string? Detail)
{
    public bool IsFenced => Reason == RefusalReasons.Fenced;

    /// <summary>Refused for the session it came on (closing, replaced, or the server going away), not for what it holds: send it again on a new session.</summary>
    public bool EndsSession => Reason is RefusalReasons.Superseded or RefusalReasons.ShuttingDown or RefusalReasons.Unavailable;
}
