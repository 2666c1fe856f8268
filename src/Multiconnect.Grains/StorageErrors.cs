using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Npgsql;

namespace Multiconnect.Grains;

/// <summary>
/// Turns a database error that ends a grain call into <see cref="StorageUnavailableException"/>:
/// Orleans cannot carry the driver's exceptions back to the caller, which would otherwise see a
/// codec error instead of "retry". The error itself is logged here, where its details are. A grain's
/// activation is not a call: grains that read the database while activating use <see cref="ActivateAsync"/>.
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

    /// <summary>Runs a grain's activation, carrying a database error out of it as <see cref="StorageUnavailableException"/>.</summary>
    public static async Task ActivateAsync(Func<Task> activate, ILogger logger, string grain)
    {
        ArgumentNullException.ThrowIfNull(activate);
        try
        {
            await activate();
        }
        catch (NpgsqlException e)
        {
            LogFailed(logger, grain, "OnActivateAsync", e);
            throw new StorageUnavailableException($"The database failed while {grain} activated; retry");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed on the database")]
    private static partial void LogFailed(ILogger logger, string @interface, string method, Exception exception);
}
