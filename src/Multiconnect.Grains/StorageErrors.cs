using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Npgsql;

namespace Multiconnect.Grains;

/// <summary>
/// Turns a database error that ends a grain call into <see cref="StorageUnavailableException"/>:
/// Orleans cannot carry the driver's exceptions back to the caller, which would otherwise see a
/// codec error instead of "retry". The error itself is logged here, where its details are.
/// </summary>
public sealed partial class StorageErrors(ILogger<StorageErrors> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.Invoke();
        }
        catch (NpgsqlException e)
        {
            LogFailed(logger, context.InterfaceName, context.MethodName, e);
            throw new StorageUnavailableException($"The database failed during {context.MethodName}; retry");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed on the database")]
    private static partial void LogFailed(ILogger logger, string @interface, string method, Exception exception);
}
