namespace Multiconnect.Contracts.Grains;

/// <summary>
/// A shard's connection to the upstream, in the words of the original's <c>gateway_status</c>
/// (<c>GET /v1/health</c>): a CoreApp is <see cref="Connected"/> when every shard it hosts has its
/// session open, otherwise it shows the least advanced of its shards' states; a CoreApp hosting no
/// shard (a spare, or the master alone) is <see cref="Disconnected"/>, as the original shows its idle ones.
/// </summary>
public static class UpstreamStatus
{
    /// <summary>The session is open: messages go upstream.</summary>
    public const string Connected = "connected";

    /// <summary>Opening a session, or waiting to try again after the upstream closed or refused one.</summary>
    public const string Connecting = "connecting";

    /// <summary>No session and none being opened: a CoreApp without shards, or one with no upstream configured.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>No business number is set yet (no <c>POST /v1/account/shards</c>): accepted messages wait.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>The upstream logged the account out (a certificate of another number was presented): sends are refused until a shard change with the number's own certificate.</summary>
    public const string LoggedOut = "logged_out";

    /// <summary>The upstream blocked the account (an expired certificate was presented): sends are refused.</summary>
    public const string Blocked = "blocked";

    /// <summary>Whether the upstream refuses the account itself, not just a session: sends cannot go out.</summary>
    public static bool IsAccountRefused(string status) => status is LoggedOut or Blocked;

    /// <summary>The state a node shows for its shards together: the least advanced of them, connected only when all are.</summary>
    public static string Combined(IEnumerable<string> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var rank = new[] { Blocked, LoggedOut, Unregistered, Disconnected, Connecting, Connected };
        return shards.Select(status => Array.IndexOf(rank, status)).DefaultIfEmpty(-1).Min() is var least and >= 0
            ? rank[least]
            : Disconnected;
    }
}
