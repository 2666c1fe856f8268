using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// The Orleans Dashboard's endpoints that name a silo pass the name on unchecked, and one that is not a
/// silo address fails inside a grain's constructor: a 500 for a typing error. It is checked here first.
/// </summary>
public static class DashboardInput
{
    public static TBuilder CheckSiloAddresses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var pattern = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern;
            if (pattern is { Parameters: [var parameter], RawText: { } text }
                && (text.Contains("/Silo", StringComparison.Ordinal) || text.Contains("/HistoricalStats/", StringComparison.Ordinal))
                && !IsSiloAddress(context.HttpContext.Request.RouteValues[parameter.Name] as string))
            {
                return ApiError.Invalid(parameter.Name, "is not a silo address as the dashboard lists them (such as 10.0.0.5:11111@123456789)");
            }

            return await next(context);
        });

    private static bool IsSiloAddress(string? text)
    {
        try
        {
            return text is not null && SiloAddress.FromParsableString(text) is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
