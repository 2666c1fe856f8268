using Npgsql;

namespace Multiconnect.Harness;

/// <summary>
/// The most connections each process held in a database while something ran: pg_stat_activity
/// sampled on a connection of its own (not pooled, not counted), by application_name (each of our
/// processes names itself), until <c>stop</c>.
/// </summary>
public static class ConnectionPeaks
{
    public static async Task<IReadOnlyDictionary<string, long>> SampleAsync(string connectionString, TimeSpan every, CancellationToken stop)
    {
        var peaks = new Dictionary<string, long>();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "pool-sampler", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT application_name, count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1", connection);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var (name, count) = (reader.GetString(0), reader.GetInt64(1));
                    peaks[name] = Math.Max(peaks.GetValueOrDefault(name), count);
                }
            }

            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peaks;
    }
}
