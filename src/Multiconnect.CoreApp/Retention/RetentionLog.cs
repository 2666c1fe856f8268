using Microsoft.Extensions.Logging;

namespace Multiconnect.CoreApp.Retention;

/// <summary>The pruner's log messages.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention pass: deleted {SentMessages} sent message(s), {DeliveredCallbacks} delivered callback(s), {InboundMessages} inbound message(s), {FenceEvents} fence event(s) and {MediaFiles} media file(s) in {ElapsedMs} ms")]
    public static partial void PassDone(this ILogger logger, long sentMessages, long deliveredCallbacks, long inboundMessages, long fenceEvents, long mediaFiles, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} undelivered callback(s) (seq {First} to {Last}) written more than {MaxPendingAge} ago (Multiconnect:Webhooks:MaxPendingAge)")]
    public static partial void DroppedByAge(this ILogger logger, long count, long first, long last, TimeSpan maxPendingAge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {Count} undelivered callback(s) (seq {First} to {Last}): at least {MaxPendingCallbacks} newer callbacks had been written after each (Multiconnect:Webhooks:MaxPendingCallbacks)")]
    public static partial void DroppedByCount(this ILogger logger, long count, long first, long last, long maxPendingCallbacks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention pruner failed: {Reason}; trying again shortly")]
    public static partial void PrunerFailed(this ILogger logger, string reason, Exception exception);
}
