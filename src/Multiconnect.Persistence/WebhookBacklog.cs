using Npgsql;

namespace Multiconnect.Persistence;

/// <summary>
/// How many callbacks of a service wait for the webhook, without counting a large backlog: shown in
/// <c>/v1/health</c>, <c>/v1/metrics</c> and the gauge <c>multiconnect.webhooks.backlog</c>.
/// <list type="bullet">
/// <item>Up to <see cref="ExactUpTo"/> waiting callbacks, the figure is their exact number: a count that
/// stops after that many entries of the index of undelivered callbacks.</item>
/// <item>Beyond, it is the span of their seq, newest − oldest + 1: two index lookups. That is an upper
/// bound, exact when the waiting callbacks are consecutive, which they are when no webhook URL is set
/// or the webhook fails for every conversation, the cases where a backlog grows large. When one
/// conversation keeps failing while the others are delivered, the span also counts the delivered
/// callbacks written after its oldest: the figure grows, which is what health should show.</item>
/// </list>
/// The span is also what <c>MaxPendingCallbacks</c> bounds, so the figure never stays above that bound.
/// </summary>
public static class WebhookBacklog
{
    public const int ExactUpTo = 10_000;

    public static async Task<long> EstimateAsync(NpgsqlConnection connection, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN counted.waiting <= $2 THEN counted.waiting
                        ELSE (SELECT max(seq) - min(seq) + 1 FROM webhook_outbox WHERE service_id = $1 AND delivered_at IS NULL) END
              FROM (SELECT count(*) AS waiting
                      FROM (SELECT FROM webhook_outbox WHERE service_id = $1 AND delivered_at IS NULL LIMIT $2 + 1) AS first) AS counted
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = ExactUpTo });
        return await command.ExecuteScalarAsync(cancellationToken) is long backlog ? backlog : 0;
    }
}
