using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Tests.Simulator;

/// <summary>The servers' media endpoint: a business's files, by id, with its certificate; users' files, fetched the same way.</summary>
public sealed class MediaTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task A_put_file_is_held_and_returned_byte_for_byte_with_its_type_and_sha256_and_putting_it_again_changes_nothing()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var (media, upstream, account) = Simulator.MediaOf(phone, cert);
        var content = RandomNumberGenerator.GetBytes(300_000);
        var id = $"f-{Guid.NewGuid():N}";

        Assert.False(await media.HasAsync(upstream, account, id, CancellationToken.None));
        Assert.Null(await media.GetAsync(upstream, account, id, CancellationToken.None));
        Assert.Null(await Simulator.PutMediaAsync(phone, cert, id, "application/pdf", content));
        Assert.Null(await Simulator.PutMediaAsync(phone, cert, id, "application/pdf", [1]));

        Assert.True(await media.HasAsync(upstream, account, id, CancellationToken.None));
        using var response = await media.GetAsync(upstream, account, id, CancellationToken.None);
        Assert.NotNull(response);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), response.Headers.GetValues("X-Sha256").Single());
    }

    [Fact]
    public async Task Without_the_numbers_valid_certificate_or_a_type_or_bytes_nothing_is_put_and_the_answer_says_why()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var (_, otherCert) = await Simulator.NewNumberAsync();
        var url = $"{UpstreamProtocol.MediaPath}/{SimulatorAdmin.Cc}/{phone}/f-1";
        using var http = new HttpClient { BaseAddress = Simulator.Process.BaseAddress };

        async Task<(HttpStatusCode, string)> Put(string? certificate, string? contentType, byte[] content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(content) };
            if (certificate is not null)
            {
                request.Headers.Add(UpstreamProtocol.CertificateHeader, certificate);
            }

            if (contentType is not null)
            {
                request.Content.Headers.ContentType = new(contentType);
            }

            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (noCert, _) = await Put(null, "image/jpeg", [1]);
        var (wrongCert, _) = await Put(otherCert, "image/jpeg", [1]);
        var (noType, noTypeText) = await Put(cert, null, [1]);
        var (empty, emptyText) = await Put(cert, "image/jpeg", []);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (noCert, wrongCert));
        Assert.Equal((HttpStatusCode.BadRequest, "Content-Type is required: the file's MIME type"), (noType, noTypeText));
        Assert.Equal((HttpStatusCode.BadRequest, "the file is empty"), (empty, emptyText));
        var (media, upstream, account) = Simulator.MediaOf(phone, cert);
        Assert.False(await media.HasAsync(upstream, account, "f-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_message_naming_a_file_the_servers_do_not_hold_is_refused_media_missing_and_sent_once_it_is_put()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        const string recipient = "447700900421";
        var message = new OutboundMessage("m.1", recipient, """{"id":"img-1","caption":"a cat"}""", Type: "image");

        var refused = await session.SendAsync(message);
        Assert.Null(await Simulator.PutMediaAsync(phone, cert, "img-1", "image/jpeg", [1, 2, 3]));
        var sent = await session.SendAsync(message with { Id = "m.2" });

        Assert.Equal((false, RefusalReasons.MediaMissing), (refused.Accepted, refused.Reason));
        Assert.True(sent.Accepted, sent.Detail);
        Assert.Equal(["m.2"], await Simulator.DeliveredIdsAsync(phone, recipient));
    }

    [Fact]
    public async Task A_users_file_can_be_fetched_by_its_id_and_a_business_file_forwarded_back_comes_under_a_new_id_with_the_same_bytes()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var session = await Simulator.OpenAsync(phone, cert);
        var (media, upstream, account) = Simulator.MediaOf(phone, cert);
        const string user = "19995500422";
        var mine = RandomNumberGenerator.GetBytes(5_000);
        Assert.Null(await Simulator.PutMediaAsync(phone, cert, "mine-1", "application/pdf", mine));

        await Simulator.InjectInboundAsync(phone, user, "image", """{"caption":"the parcel"}""", "Andre");
        await Simulator.InjectInboundAsync(phone, user, "document", """{"id":"mine-1","mime_type":"application/pdf","filename":"a.pdf"}""", "Andre");
        var photo = JsonNode.Parse((await session.NextAsync<InboundFrame>(f => f.From == user && f.MessageType == "image")).Body)!;
        var forwarded = JsonNode.Parse((await session.NextAsync<InboundFrame>(f => f.From == user && f.MessageType == "document")).Body)!;

        using (var response = await media.GetAsync(upstream, account, photo["id"]!.GetValue<string>(), CancellationToken.None))
        {
            var bytes = await response!.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(bytes);
            Assert.Equal(photo["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(photo["mime_type"]!.GetValue<string>(), response.Content.Headers.ContentType?.ToString());
        }

        var forwardedId = forwarded["id"]!.GetValue<string>();
        Assert.NotEqual("mine-1", forwardedId);
        using (var response = await media.GetAsync(upstream, account, forwardedId, CancellationToken.None))
        {
            Assert.Equal(mine, await response!.Content.ReadAsByteArrayAsync());
        }
    }
}
