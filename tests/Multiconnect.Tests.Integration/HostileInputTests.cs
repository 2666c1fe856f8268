using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// Hostile sends beside honest ones, through real processes: each hostile send is refused on its own
/// (400 in the WhatsApp format), and none of the honest sends around it fails, is lost or reordered.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HostileInputTests(PostgresFixture postgres)
{
    /// <summary>Bodies that once made a 500, or could: NUL and lone surrogates in values and names, duplicate keys, deep nesting, invalid UTF-8.</summary>
    private static readonly byte[][] Hostile =
    [
        .. new[]
        {
            """{"to":"16315551234","type":"text","text":{"body":"a\u0000b"}}""",
            """{"to":"16315551234","type":"text","text":{"body":"a\ud800b"}}""",
            """{"to":"\ud800","type":"text","text":{"body":"x"}}""",
            """{"to":"16315551234","type":"text","text":{"b\u0000dy":"x"}}""",
            """{"to":"16315551234","type":"text","\udc00":1,"text":{"body":"x"}}""",
            """{"to":"16315551234","to":"16315550000","type":"text","text":{"body":"x"}}""",
            """{"to":"16315551234","type":"text","text":{"body":"x","nested":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}}""",
        }.Select(Encoding.UTF8.GetBytes),
        [.. """{"to":"16315551234","type":"text","text":{"body":"a"""u8, 0xC3, 0x28, .. "\"}}"u8],
    ];

    [Fact]
    public async Task Hostile_sends_in_the_middle_of_a_load_are_refused_alone_and_no_valid_send_fails()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        var (gateway, token, phone) = await MessagePipelineTests.StartAsync(cluster);

        var load = MessageLoad.RunAsync(gateway.Http.BaseAddress!, token, MessageLoad.NewRecipients(100), perRecipient: 20, rate: 400);
        var refused = 0;
        while (!load.IsCompleted)
        {
            foreach (var body in Hostile)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new ByteArrayContent(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await gateway.Http.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("\"code\":1009", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                refused++;
            }
        }

        var result = await load;
        Assert.Empty(result.Errors);
        Assert.Equal(2000, result.Accepted);
        Assert.True(refused >= 40, $"only {refused} hostile sends went out during the load");
        await MessagePipelineTests.AssertAllDeliveredInOrderAsync(cluster.Simulator!, phone, result);
        Assert.Equal(2000L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out"));
    }

    [Fact]
    public async Task A_database_error_during_a_send_is_answered_503_retry_and_the_send_succeeds_once_the_database_is_back()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1");
        var token = await gateway.LoginAsync();
        const string Send = """{"to":"16315551234","type":"text","text":{"body":"seq=1 hi"}}""";
        using (var first = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, Send))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // The append now fails on the database (42P01, not a refusal of the message): Orleans must carry a
        // storage error it can serialize, and the gateway must say "retry", not 500.
        await cluster.ScalarAsync<int>("ALTER TABLE messages_out RENAME TO messages_out_away; SELECT 1");
        using (var failed = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, Send))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Contains("\"code\":1011", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await cluster.ScalarAsync<int>("ALTER TABLE messages_out_away RENAME TO messages_out; SELECT 1");
        using var retried = await gateway.SendAsync(HttpMethod.Post, "/v1/messages", token, Send);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out"));
    }
}
