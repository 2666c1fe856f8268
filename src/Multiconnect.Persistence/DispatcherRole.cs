using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Multiconnect.Persistence;

/// <summary>
/// The right to dispatch webhooks, held by one CoreApp of the cluster at a time: a PostgreSQL session
/// advisory lock, taken on one connection of the process's pool and kept on it. The dispatcher's
/// queries run on that same connection, one at a time, so the role costs one connection.
/// <list type="bullet">
/// <item>A holder that crashes loses its connection, and with it the lock, at once.</item>
/// <item>A holder that hangs (SIGSTOP, a frozen VM) is cut off by the server: the session is ended after
/// <c>HolderTimeout</c> without a query (<c>idle_session_timeout</c>), and a heartbeat keeps a live holder's
/// session busy enough. The holder itself stops sending once half that time has passed without a
/// confirmed query, so it never sends after its successor may have started.</item>
/// </list>
/// </summary>
public sealed class DispatcherRole : IAsyncDisposable
{
    /// <summary>The lock's first key, "mcwh"; the second is the hash of the service id, so each cluster service has its own dispatcher.</summary>
    private const int LockClass = 0x6D63_7768;

    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(2);

    private readonly NpgsqlConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lost = new();
    private readonly TimeSpan _validFor;
    private readonly TimeSpan _heartbeatEvery;
    private long _confirmedAt;
    private Task _heartbeat = Task.CompletedTask;

    private DispatcherRole(NpgsqlConnection connection, TimeSpan holderTimeout, long confirmedAt)
    {
        _connection = connection;
        _validFor = holderTimeout / 2;
        _heartbeatEvery = holderTimeout / 5;
        _confirmedAt = confirmedAt;
    }

    /// <summary>Cancelled when the role is gone: its connection failed, or it was released.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>True while a query confirmed the session recently enough that no successor can have started.</summary>
    public bool IsValid => !_lost.IsCancellationRequested && Stopwatch.GetElapsedTime(Volatile.Read(ref _confirmedAt)) < _validFor;

    /// <summary>Takes the role if nobody holds it; null when another process does.</summary>
    public static async Task<DispatcherRole?> TryTakeAsync(NpgsqlDataSource dataSource, string serviceId, TimeSpan holderTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var askedAt = Stopwatch.GetTimestamp();
            if (!await TryLockAsync(connection, serviceId, holderTimeout, cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }

            var role = new DispatcherRole(connection, holderTimeout, askedAt);
            role._heartbeat = role.KeepAliveAsync();
            return role;
        }
        catch
        {
            await ReleaseAsync(connection);
            throw;
        }
    }

    /// <summary>
    /// One statement: the session timeout is set only when the lock is taken, so a connection that goes back
    /// to the pool carries neither. The command and its reader are done with before the caller hands the
    /// connection back: the pool gives the connection, and the reader with it, to its next user.
    /// </summary>
    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string serviceId, TimeSpan holderTimeout, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("""
            SELECT taken, CASE WHEN taken THEN set_config('idle_session_timeout', $3, false) END
              FROM (SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken) AS attempt
            """, connection);
        take.Parameters.Add(new() { Value = LockClass });
        take.Parameters.Add(new() { Value = serviceId });
        take.Parameters.Add(new() { Value = ((long)holderTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) });
        await using var reader = await take.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
    }

    /// <summary>
    /// Runs one query on the role's connection. Any failure other than the caller's cancellation ends the
    /// role: the connection, and so the lock, can no longer be relied on.
    /// </summary>
    public async Task<T> UseAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lost.Token);
        await _gate.WaitAsync(limit.Token);
        try
        {
            limit.CancelAfter(QueryTimeout);
            var startedAt = Stopwatch.GetTimestamp();
            var result = await query(_connection, limit.Token);
            Volatile.Write(ref _confirmedAt, startedAt);
            return result;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await _lost.CancelAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs one command on the role's connection, as <see cref="UseAsync{T}"/> does.</summary>
    public Task UseAsync(Func<NpgsqlConnection, CancellationToken, Task> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return UseAsync(async (connection, token) =>
        {
            await command(connection, token);
            return true;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _lost.CancelAsync();
        await _heartbeat;
        await _gate.WaitAsync();
        await ReleaseAsync(_connection);
        _gate.Dispose();
        _lost.Dispose();
    }

    /// <summary>Unlocks and resets the session before the connection goes back to the pool; a broken connection is dropped by the pool anyway.</summary>
    private static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all(); RESET idle_session_timeout", connection);
            await release.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }

        await connection.DisposeAsync();
    }

    /// <summary>Keeps the session from idling out while nothing else runs on it; ends the role when the session is gone.</summary>
    private async Task KeepAliveAsync()
    {
        using var timer = new PeriodicTimer(_heartbeatEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_lost.Token))
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _confirmedAt)) >= _heartbeatEvery)
                {
                    await UseAsync(static async (connection, cancellationToken) =>
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        return await ping.ExecuteScalarAsync(cancellationToken);
                    }, _lost.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // UseAsync has ended the role; the dispatcher sees Lost.
        }
    }
}
