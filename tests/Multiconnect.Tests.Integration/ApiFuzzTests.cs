using System.Globalization;
using System.Net;
using System.Text.Json;
using CsCheck;
using Multiconnect.Tests.Integration.Fuzz;
using Multiconnect.Tests.Integration.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Every endpoint of the gateway's own OpenAPI document, sent generated requests over a real socket
/// (CsCheck: valid, boundary and malformed values, with and without credentials) against a CoreApp,
/// a gateway and PostgreSQL running as processes. The seed is printed; set MULTICONNECT_FUZZ_SEED
/// (hex) to replay a run.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiFuzzTests(PostgresFixture postgres, ApiFuzzTests.Report report) : IClassFixture<ApiFuzzTests.Report>
{
    private const int RefusedCases = 500;
    private const int MixedCases = 500;

    [Fact]
    public async Task No_generated_request_gets_a_5xx_every_error_is_in_the_WhatsApp_format_and_refused_requests_change_no_table()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        // Failed Basic credentials are not throttled here, so that the dashboard's own answers stay in the run
        // after hundreds of refused requests (the throttle has its tests in UsersApiTests).
        var gateway = await cluster.StartGatewayAsync("gateway-1", settings: new Dictionary<string, string?> { ["Multiconnect__Auth__FailedLoginLimit"] = "1000000" });
        var token = await gateway.LoginAsync();
        var document = await gateway.GetJsonAsync("/openapi/v1.json", token);
        var operations = OpenApiOperation.AllOf(document);
        Assert.Contains(operations, o => o is { Method: "POST", Path: "/v1/messages", Body: not null });
        var requests = new ApiRequests(operations, new OpenApiSchema(document), token, await gateway.LoginAsync(), LocalCluster.AdminPassword);
        var seed = Environment.GetEnvironmentVariable("MULTICONNECT_FUZZ_SEED") is { Length: > 0 } given
            ? ulong.Parse(given, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : (ulong)Random.Shared.NextInt64();
        var random = new PCG(1, seed);
        report.Say($"API fuzz: seed {seed:X16} (MULTICONNECT_FUZZ_SEED to replay), {operations.Count} operations, {RefusedCases} refused + {MixedCases} mixed cases");
        await Eventually.True(async () => (await cluster.LeasesAsync()).Count == 1, "shard 0 to be placed");

        // Refused requests: each must be a 4xx in the API's error format, and together they change no row of any table.
        var before = await RowCountsAsync(cluster);
        foreach (var request in requests.Refused.Array[RefusedCases].Generate(random, null, out _))
        {
            var (status, body) = await SendAsync(gateway, request);
            Assert.True(status is >= 400 and < 500, $"{request} was answered {status}: {body}");
            AssertErrorFormat(request, status, body);
        }

        Assert.Equal(before, await RowCountsAsync(cluster));

        // Anything: no 5xx, and every error in the API's format.
        var statuses = new SortedDictionary<int, int>();
        foreach (var request in requests.Any.Array[MixedCases].Generate(random, null, out _))
        {
            var (status, body) = await SendAsync(gateway, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"{request} was answered {status}: {body}");
            // The Orleans Dashboard answers its own errors (problem details); it is not part of the WhatsApp API.
            if (status >= 400 && !request.Path.StartsWith("/dashboard/", StringComparison.Ordinal))
            {
                AssertErrorFormat(request, status, body);
            }
        }

        report.Say($"API fuzz: mixed cases answered {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300); // the generator also makes requests the API accepts
    }

    private static async Task<(int Status, string Body)> SendAsync(GatewayNode gateway, FuzzRequest request)
    {
        using var message = request.ToMessage();
        using var response = await gateway.Http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertErrorFormat(FuzzRequest request, int status, string body)
    {
        var what = $"{request} was answered {status} with a body not in the API's error format: {body}";
        using var document = JsonDocument.Parse(body.Length == 0 ? "null" : body);
        var root = document.RootElement;
        Assert.True(root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0, what);
        Assert.All(root.GetProperty("errors").EnumerateArray(), error =>
        {
            Assert.True(error.GetProperty("code").ValueKind == JsonValueKind.Number, what);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()), what);
            Assert.NotNull(error.GetProperty("details").GetString());
        });
        Assert.Equal("stable", root.GetProperty("meta").GetProperty("api_status").GetString());
    }

    /// <summary>Rows in every table of the cluster's database.</summary>
    private static async Task<string> RowCountsAsync(LocalCluster cluster)
    {
        var tables = new List<string>();
        await using (var list = cluster.Database.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new List<string>();
        foreach (var table in tables)
        {
            await using var count = cluster.Database.CreateCommand($"SELECT count(*) FROM \"{table}\"");
            counts.Add($"{table}={await count.ExecuteScalarAsync()}");
        }

        return string.Join(' ', counts);
    }

    /// <summary>Prints to the test run's output whether the test passes or fails (the seed and the case counts).</summary>
    public sealed class Report(IMessageSink sink)
    {
        public void Say(string line) => sink.OnMessage(new DiagnosticMessage(line));
    }
}
