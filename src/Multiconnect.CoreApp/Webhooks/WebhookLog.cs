using Microsoft.Extensions.Logging;

namespace Multiconnect.CoreApp.Webhooks;

/// <summary>The webhook dispatcher's log messages.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "This CoreApp is now the webhook dispatcher of service {ServiceId}")]
    public static partial void RoleTaken(this ILogger logger, string serviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "This CoreApp is no longer the webhook dispatcher of service {ServiceId}")]
    public static partial void RoleReleased(this ILogger logger, string serviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook dispatcher stopped: {Reason}; trying again shortly")]
    public static partial void DispatcherFailed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {Seq} of conversation {Conversation} was not delivered (failure {Failures}): {Error}; retrying in {Backoff}")]
    public static partial void DeliveryFailed(this ILogger logger, long seq, string conversation, int failures, string error, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Callback {Seq} of conversation {Conversation} was not delivered (failure {Failures}): {Error}; retrying in {Backoff}")]
    public static partial void DeliveryFailedAgain(this ILogger logger, long seq, string conversation, int failures, string error, TimeSpan backoff);
}
