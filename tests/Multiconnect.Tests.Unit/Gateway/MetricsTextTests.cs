using Multiconnect.Gateway.Apis;
using Multiconnect.Gateway.Metrics;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class MetricsTextTests
{
    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        Assert.Equal("""a\\b\"c\nd""", PrometheusText.EscapeLabel("a\\b\"c\nd"));
    }

    [Fact]
    public void A_family_has_help_and_type_before_its_samples()
    {
        var text = new PrometheusText()
            .Family("x_total", "counter", "What x counts")
            .Sample("x_total", 3, ("shard", "0"), ("owner", "host:\"a\""))
            .ToString();

        Assert.Equal("# HELP x_total What x counts\n# TYPE x_total counter\nx_total{shard=\"0\",owner=\"host:\\\"a\\\"\"} 3\n", text);
    }

    [Fact]
    public void V1_metrics_as_prometheus_text_carries_each_shard_with_its_owner_the_webhook_backlog_and_the_request_counts()
    {
        var metrics = new ClusterMetrics(
            2,
            [
                new ShardMetricsEntry(0, "h:coreapp-a", 3, DateTimeOffset.UnixEpoch, 10, 9, 8, 1),
                new ShardMetricsEntry(1, "h:coreapp-b", 1, DateTimeOffset.UnixEpoch, 5, 5, 5, 0),
            ],
            new WebhooksHealth(7),
            [new ApiRequestCount("/v1/messages/", "POST", 201, 15)]);

        var lines = StatsMetric.ToPrometheus(MetricsApi.Figures(metrics)).Split('\n');

        Assert.Contains("""multiconnect_messages_accepted_total{shard="0",owner="h:coreapp-a"} 10""", lines);
        Assert.Contains("""multiconnect_messages_sent_total{shard="0",owner="h:coreapp-a"} 9""", lines);
        Assert.Contains("""multiconnect_messages_delivered_total{shard="0",owner="h:coreapp-a"} 8""", lines);
        Assert.Contains("""multiconnect_shard_backlog{shard="0",owner="h:coreapp-a"} 1""", lines);
        Assert.Contains("""multiconnect_messages_accepted_total{shard="1",owner="h:coreapp-b"} 5""", lines);
        Assert.Contains("multiconnect_webhooks_backlog 7", lines);
        Assert.Contains("multiconnect_shard_count 2", lines);
        Assert.Contains("""multiconnect_shard_epoch{shard="0",owner="h:coreapp-a"} 3""", lines);
        Assert.Contains("""multiconnect_api_requests_total{endpoint="/v1/messages/",method="POST",status="201"} 15""", lines);
        Assert.Contains("# TYPE multiconnect_shard_backlog gauge", lines);
        Assert.Single(lines, line => line == "# TYPE multiconnect_messages_accepted_total counter");
    }
}
