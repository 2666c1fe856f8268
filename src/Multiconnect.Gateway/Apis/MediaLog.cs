namespace Multiconnect.Gateway.Apis;

/// <summary>The media endpoints' log messages.</summary>
internal static partial class MediaLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A download of media file {Id} was cut short, its answer already begun: {Reason}")]
    public static partial void DownloadCutShort(this ILogger logger, Guid id, string reason);
}
