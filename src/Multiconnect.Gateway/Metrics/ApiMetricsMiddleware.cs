using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Metrics;

public static class ApiMetricsMiddleware
{
    /// <summary>
    /// Counts every answer once it is final, under the route pattern the request matched. Goes after
    /// routing and before the error handling, which clears the endpoint when it answers for a failure.
    /// </summary>
    public static WebApplication UseApiMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<ApiMetrics>();
        app.Use(async (context, next) =>
        {
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? ApiMetrics.Unmatched;
            try
            {
                await next(context);
            }
            finally
            {
                metrics.Record(endpoint, context.Request.Method, context.Response.StatusCode, ApiError.Answered(context));
            }
        });
        return app;
    }
}
