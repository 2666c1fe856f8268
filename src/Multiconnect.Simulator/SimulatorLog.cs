namespace Multiconnect.Simulator;

/// <summary>The simulator's log messages (source-generated; sessions come and go on the hot path of failover tests).</summary>
public static partial class SimulatorLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} open: +{Number} shard {Shard}/{Shards} epoch {Epoch} ({Client})")]
    public static partial void SessionOpened(this ILogger logger, string sessionId, string number, int shard, int shards, long epoch, string? client);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account check for +{Number}: certificate {Verdict}, account {Standing}")]
    public static partial void AccountChecked(this ILogger logger, string number, string verdict, string standing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration code {Code} sent by {Method} to +{Number}")]
    public static partial void RegistrationCodeSent(this ILogger logger, string number, string method, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "+{Number} registered at {RegisteredAt:O}")]
    public static partial void NumberRegistered(this ILogger logger, string number, DateTimeOffset registeredAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration of +{Number} refused: not the code last sent")]
    public static partial void RegistrationRefused(this ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Two-step verification of +{Number} turned {State}")]
    public static partial void TwoStepSet(this ILogger logger, string number, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session refused for +{Number} shard {Shard} epoch {Epoch}: {Reason} ({Detail})")]
    public static partial void SessionRefused(this ILogger logger, string number, int shard, long epoch, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended: +{Number} shard {Shard} epoch {Epoch}, {Accepted} message(s) accepted")]
    public static partial void SessionEnded(this ILogger logger, string sessionId, string number, int shard, long epoch, long accepted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection closed for breaking the protocol: {Problem}")]
    public static partial void ProtocolError(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate authority: key {KeyId} {Action} {Path}")]
    public static partial void CertificateAuthorityReady(this ILogger logger, string keyId, string action, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream endpoint at {Path}; per-session cap {Cap} msg/s (0: none); inbound {InboundRate} msg/s per number")]
    public static partial void Ready(this ILogger logger, string path, int cap, double inboundRate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fault: {Fault}")]
    public static partial void FaultInjected(this ILogger logger, string fault);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Media file {Id} stored: {ContentType}, {Length} bytes")]
    public static partial void MediaStored(this ILogger logger, string id, string contentType, int length);
}
