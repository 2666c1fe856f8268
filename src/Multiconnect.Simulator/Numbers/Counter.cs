namespace Multiconnect.Simulator.Numbers;

/// <summary>What the observer counts per business number. Names appear in snake_case in the admin API.</summary>
public enum Counter
{
    /// <summary>Sends acknowledged, duplicates included.</summary>
    Accepted,

    /// <summary>Distinct message ids handed to their recipients (each id once, whatever the retries).</summary>
    Delivered,

    /// <summary>Sends whose id had been accepted before: acknowledged again, not delivered again.</summary>
    Duplicates,

    /// <summary>Messages whose body sequence was not above the highest already delivered to that recipient.</summary>
    OutOfOrder,

    /// <summary>Sends refused because their epoch was older than the highest seen for their shard.</summary>
    FencedSends,

    /// <summary>Sessions refused because their epoch was older than the highest seen for their shard.</summary>
    FencedSessions,

    /// <summary>Messages sent over the session of a shard other than the recipient's (accepted all the same).</summary>
    Misrouted,

    /// <summary>Sends refused for a bad field, for what their body holds, or because their session was already closing.</summary>
    RefusedSends,

    /// <summary>Sends refused for what their body holds: a type the servers do not deliver, or an object lacking what its type needs (also in <see cref="RefusedSends"/>).</summary>
    RefusedContent,

    /// <summary>Messages that got a <c>failed</c> receipt (FailedRatio) instead of being delivered.</summary>
    Failed,

    ReceiptsSent,
    InboundCreated,

    /// <summary>Inbound deliveries written to sessions, redeliveries included.</summary>
    InboundSent,
    InboundAcked,

    /// <summary>Inbound messages the business marked read (each id once, whatever the repeats).</summary>
    ReadMarked,

    /// <summary>Read marks for ids this number never delivered: ignored.</summary>
    ReadMarksIgnored,

    SessionsOpened,
    SessionsRefused,
    SessionsClosed,
}
