using System.Net;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration;

/// <summary>
/// The original's request-rate limits (issue 15, point 5), set low: beyond a user's burst, requests are
/// answered 429 with code 1015 and Retry-After and do nothing; /v1/messages and the rest of the API
/// are counted apart, each user on their own, and the limit lets requests through again as it refills.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RateLimitTests(PostgresFixture postgres)
{
    private const int Burst = 3;

    [Fact]
    public async Task Beyond_the_burst_a_user_gets_429_with_retry_after_per_endpoint_kind_and_other_users_are_not_held_up()
    {
        await using var cluster = await LocalCluster.CreateAsync(postgres.Server);
        await cluster.StartCoreAppAsync("coreapp-a");
        var gateway = await cluster.StartGatewayAsync("gateway-1", settings: new Dictionary<string, string?>
        {
            ["Multiconnect__Gateway__RateLimits__OtherPerSecond"] = "1",
            ["Multiconnect__Gateway__RateLimits__OtherBurst"] = $"{Burst}",
            ["Multiconnect__Gateway__RateLimits__MessagesPerSecond"] = "1",
            ["Multiconnect__Gateway__RateLimits__MessagesBurst"] = $"{Burst}",
        });
        var admin = await gateway.LoginAsync();
        await Eventually.True(async () => (await gateway.SendAsync(HttpMethod.Get, "/v1/account/shards", admin)).StatusCode == HttpStatusCode.OK, "the admin's bucket to have a request");

        var reads = await AllAtOnceAsync(10, () => gateway.SendAsync(HttpMethod.Get, "/v1/account/shards", admin));
        await AssertLimitedAsync(reads, HttpStatusCode.OK);

        // Messages have their own bucket, full still; the refused ones are not stored.
        var sends = await AllAtOnceAsync(10, () => gateway.SendAsync(HttpMethod.Post, "/v1/messages", admin, """{"to":"16315550100","type":"text","text":{"body":"hi"}}"""));
        var accepted = await AssertLimitedAsync(sends, HttpStatusCode.Created);
        Assert.Equal(accepted, await cluster.ScalarAsync<long>("SELECT count(*) FROM messages_out"));

        // Another user has a bucket of their own; the admin gets through again once the bucket refills.
        await Eventually.True(
            async () => (await gateway.SendAsync(HttpMethod.Post, "/v1/users", admin, """{"username":"bobby","password":"Bob-pass1-long"}""")).StatusCode == HttpStatusCode.Created,
            "the admin to create a user once the bucket refills");
        var bob = await gateway.LoginAsync("bobby", "Bob-pass1-long");
        using var bobs = await gateway.SendAsync(HttpMethod.Get, "/v1/health", bob);
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);
    }

    private static async Task<HttpResponseMessage[]> AllAtOnceAsync(int count, Func<Task<HttpResponseMessage>> send) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => send()));

    /// <summary>At most the burst (and one refill) went through; every other answer is 429/1015 with Retry-After. Returns how many went through.</summary>
    private static async Task<int> AssertLimitedAsync(HttpResponseMessage[] responses, HttpStatusCode through)
    {
        var passed = responses.Count(r => r.StatusCode == through);
        Assert.InRange(passed, 1, Burst + 1);
        foreach (var refused in responses.Where(r => r.StatusCode != through))
        {
            await ApiAssert.ErrorsAsync(refused, HttpStatusCode.TooManyRequests, 1015);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }

        return passed;
    }
}
