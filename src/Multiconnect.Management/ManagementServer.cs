using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Multiconnect.Management;

/// <summary>
/// A small Kestrel server of its own on the management port, beside whatever the process serves: the
/// API is never reachable on this port and these endpoints never on the API's. It starts before any
/// other part of the process (so that liveness answers while a silo joins or a client waits for the
/// cluster) and stops after all of them.
/// </summary>
internal sealed partial class ManagementServer(
    IServiceProvider services, IOptions<ManagementOptions> options, ILoggerFactory loggers, ILogger<ManagementServer> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private WebApplication? _app;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var port = options.Value.Port;
        var address = options.Value.Address is { Length: > 0 } text ? System.Net.IPAddress.Parse(text) : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (address is null)
            {
                kestrel.ListenAnyIP(port);
            }
            else
            {
                kestrel.Listen(address, port);
            }
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ParentHostLifetime>();
        var app = builder.Build();

        var readiness = services.GetRequiredService<IReadinessProbe>();
        app.MapGet(ManagementPaths.Live, () => Results.Json(HealthStatus.Live, Json));
        app.MapGet(ManagementPaths.Ready, async (CancellationToken cancellationToken) =>
        {
            var ready = await readiness.CheckAsync(cancellationToken);
            return Results.Json(HealthStatus.Of(ready), Json, statusCode: ready.IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            services.GetRequiredService<MeterProvider>(),
            context => context.Request.Path == ManagementPaths.Metrics && HttpMethods.IsGet(context.Request.Method),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);

        await app.StartAsync(cancellationToken);
        _app = app;
        var where = address is null ? "all interfaces" : $"{address} only";
        LogServing(logger, port, where);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Management endpoints (/health/live, /health/ready, /metrics) on port {Port}, {Address}, without authentication")]
    private static partial void LogServing(ILogger logger, int port, string address);
}
