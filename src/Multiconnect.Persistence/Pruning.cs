using Npgsql;

namespace Multiconnect.Persistence;

/// <summary>
/// Runs a store's retention delete on the caller's connection (the pruner runs them on the webhook
/// dispatcher role's, so pruning costs no connection of its own). Each delete is one statement that
/// deletes at most <c>limit</c> rows, oldest first, found through an index holding candidates only
/// (migration 0012), so its cost follows the rows it deletes, not the size of the table.
/// </summary>
internal static class Pruning
{
    /// <summary>Runs <paramref name="sql"/> with <c>$1</c> the service, <c>$2</c> the retention, <c>$3</c> the most rows.</summary>
    public static async Task<int> DeleteAsync(
        NpgsqlConnection connection, string serviceId, string sql, TimeSpan retention, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = retention });
        command.Parameters.Add(new() { Value = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
