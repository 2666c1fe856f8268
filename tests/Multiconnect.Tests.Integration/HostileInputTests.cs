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
}
