using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Multiconnect.Gateway;

namespace Multiconnect.Tests.Unit.Gateway;

/// <summary>
/// The OpenAPI document is what an integration is written against: every route the gateway maps is in it,
/// and every JSON body is described by the record the endpoint reads. The gateway is built as it runs (in its
/// in-memory mode, not started), and its endpoints compared with the document it would serve.
/// </summary>
public sealed class OpenApiCoverageTests
{
    /// <summary>Served beside the API and described elsewhere: the dashboard's pages and the document itself.</summary>
    private static readonly string[] NotTheApi = [GatewayHosting.DashboardPath, "/openapi/"];

    [Fact]
    public async Task Every_route_the_gateway_maps_is_in_the_openapi_document()
    {
        await using var app = BuildGateway();
        var routes = Routes(app);
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        var documented = document.Paths!
            .SelectMany(path => path.Value.Operations!.Select(operation => $"{operation.Key.Method.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("POST /v1/messages", routes);
        Assert.Contains("PATCH /v1/settings/application", routes);
        Assert.Equal([], routes.Where(route => !documented.Contains(route)).Order(StringComparer.Ordinal).ToArray()); // lists what is missing
    }

    [Fact]
    public async Task Every_json_body_is_described_by_its_record()
    {
        await using var app = BuildGateway();
        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        var send = document.Paths!["/v1/messages"].Operations![HttpMethod.Post].RequestBody!.Content!["application/json"].Schema!;
        var schemas = document.Components!.Schemas!;

        var message = schemas[Assert.IsType<Microsoft.OpenApi.OpenApiSchemaReference>(send).Reference.Id!];
        Assert.Contains("template", message.Properties!.Keys);
        Assert.Contains("interactive", message.Properties!.Keys);
        Assert.Contains("to", message.Required!);
        Assert.DoesNotContain("recipient", message.Properties!.Keys); // computed, not a field
    }

    private static List<string> Routes(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => (Path: "/" + endpoint.RoutePattern.RawText!.Trim('/'), Methods: endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(route => !NotTheApi.Any(prefix => route.Path.StartsWith(prefix, StringComparison.Ordinal)))
            .SelectMany(route => route.Methods.Select(method => $"{method} {route.Path}"))];

    private static WebApplication BuildGateway()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Multiconnect:Postgres:InMemory"] = "true",
            ["Multiconnect:Auth:AdminPassword"] = "an-admin-password-for-the-document",
        });
        builder.AddMulticonnectGateway();
        var app = builder.Build();
        app.UseMulticonnectGateway();
        app.UseEndpoints(_ => { }); // what starting the app would do: the routes join the endpoints the document is made from
        return app;
    }
}
