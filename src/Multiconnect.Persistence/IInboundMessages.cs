namespace Multiconnect.Persistence;

/// <summary>
/// Users' messages to the business, as the shards stored them (messages_in): which shard received one,
/// so that its read mark goes upstream over that shard's session, and the mark itself.
/// </summary>
public interface IInboundMessages
{
    /// <summary>The shard that received the message, or null when this service has no message with that id.</summary>
    Task<int?> ShardOfAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records that the message was marked read upstream.</summary>
    Task MarkedReadAsync(string id, CancellationToken cancellationToken);
}
