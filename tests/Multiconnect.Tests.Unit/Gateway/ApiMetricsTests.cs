using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Metrics;

namespace Multiconnect.Tests.Unit.Gateway;

public sealed class ApiMetricsTests
{
    [Fact]
    public void Requests_are_counted_per_route_method_and_status_and_each_error_code_once()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ApiMetrics(services.GetRequiredService<IMeterFactory>());
        var errors = new List<(long Value, string? Endpoint, string? Code)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "multiconnect.api.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            errors.Add((value, all.Single(t => t.Key == "endpoint").Value as string, all.Single(t => t.Key == "code").Value as string));
        });
        listener.Start();

        metrics.Record("/v1/messages/", "POST", 201, null);
        metrics.Record("/v1/messages/", "POST", 201, null);
        metrics.Record("/v1/messages/", "POST", 400, ApiError.Missing("to").Plus(ApiError.Invalid("type", "x")));
        metrics.Record(ApiMetrics.Unmatched, "GET", 404, ApiError.ForStatus(404, "GET", "/nope"));

        Assert.Equal(
            [
                new ApiRequestCount("/v1/messages/", "POST", 201, 2),
                new ApiRequestCount("/v1/messages/", "POST", 400, 1),
                new ApiRequestCount(ApiMetrics.Unmatched, "GET", 404, 1),
            ],
            metrics.RequestCounts());
        Assert.Equal([(1L, "/v1/messages/", "1008"), (1L, "/v1/messages/", "1009"), (1L, ApiMetrics.Unmatched, "1006")], errors);
    }

    [Fact]
    public void Invented_methods_share_one_label_so_that_clients_cannot_grow_the_series()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ApiMetrics(services.GetRequiredService<IMeterFactory>());

        for (var i = 0; i < 1000; i++)
        {
            metrics.Record(ApiMetrics.Unmatched, $"BREW{i}", 401, null);
        }

        metrics.Record(ApiMetrics.Unmatched, "DELETE", 401, null);
        Assert.Equal(
            [new ApiRequestCount(ApiMetrics.Unmatched, "DELETE", 401, 1), new ApiRequestCount(ApiMetrics.Unmatched, ApiMetrics.OtherMethod, 401, 1000)],
            metrics.RequestCounts());
    }
}
