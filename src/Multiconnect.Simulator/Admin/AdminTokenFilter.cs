using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Multiconnect.Simulator.Admin;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;admin token&gt;</c>, compared in constant time.</summary>
public sealed class AdminTokenFilter(IOptions<SimulatorOptions> options) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminToken ?? ""));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected)
            ? await next(context)
            : TypedResults.Json(new AdminError("The admin API needs Authorization: Bearer <admin token>."), statusCode: StatusCodes.Status401Unauthorized);
    }
}
