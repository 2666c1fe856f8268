using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Multiconnect.Tests.Integration.Infrastructure;

namespace Multiconnect.Tests.Integration.Media;

/// <summary>
/// POST /v1/media, GET and DELETE /v1/media/{id} over real sockets, with two gateways on one PostgreSQL:
/// a file uploaded through one gateway comes back byte for byte through the other, with its type, until
/// it is deleted; bad uploads get the original's errors and leave no row behind; nothing without a token.
/// </summary>
public sealed class MediaApiTests(MediaClusterFixture media) : IClassFixture<MediaClusterFixture>
{
    private GatewayNode Gateway1 => media.Gateway1;

    private GatewayNode Gateway2 => media.Gateway2;

    [Fact]
    public async Task A_file_uploaded_through_one_gateway_downloads_byte_for_byte_through_the_other_until_it_is_deleted()
    {
        // Three chunks, the last one short: 2.5 MB and a few bytes.
        var document = RandomBytes((5 * 1024 * 1024 / 2) + 123, seed: 1);
        var id = await UploadAsync(Gateway1, media.UserToken, "application/pdf", document);
        var image = RandomBytes(MediaClusterFixture.ImageBytes, seed: 2);
        var imageId = await UploadAsync(Gateway2, media.AdminToken, "image/png", image);

        await AssertDownloadAsync(Gateway2, media.UserToken, id, "application/pdf", document);
        await AssertDownloadAsync(Gateway1, media.UserToken, imageId, "image/png", image);
        Assert.Equal(4, await ScalarAsync($"SELECT count(*) FROM media_chunks WHERE media_id IN ('{id}', '{imageId}')"));

        using (var deleted = await Gateway2.SendAsync(HttpMethod.Delete, $"/v1/media/{id}", media.UserToken))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            var answer = await deleted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("stable", answer.GetProperty("meta").GetProperty("api_status").GetString());
        }

        foreach (var gateway in new[] { Gateway1, Gateway2 })
        {
            using var gone = await gateway.SendAsync(HttpMethod.Get, $"/v1/media/{id}", media.UserToken);
            var error = Assert.Single(await ApiAssert.ErrorsAsync(gone, HttpStatusCode.NotFound, 1006));
            Assert.Equal($"File with id {id} not found", error.GetProperty("details").GetString());
        }

        using (var again = await Gateway1.SendAsync(HttpMethod.Delete, $"/v1/media/{id}", media.UserToken))
        {
            await ApiAssert.ErrorsAsync(again, HttpStatusCode.NotFound, 1006);
        }

        Assert.Equal(0, await ScalarAsync($"SELECT (SELECT count(*) FROM media WHERE id = '{id}') + (SELECT count(*) FROM media_chunks WHERE media_id = '{id}')"));
        await AssertDownloadAsync(Gateway2, media.AdminToken, imageId, "image/png", image); // the other file stays
    }

    [Fact]
    public async Task Bad_uploads_get_the_originals_errors_and_store_nothing()
    {
        var before = await RowsAsync();
        var overTheImageLimit = RandomBytes(MediaClusterFixture.ImageBytes + 1, seed: 3);
        // Three whole chunks are written before the fourth shows the document is too large; they are deleted.
        var overTheDocumentLimit = RandomBytes(MediaClusterFixture.DocumentBytes + (1024 * 1024), seed: 4);

        await AssertRefusedAsync(Post(null, RandomBytes(10, seed: 5)), 1008, "Content-Type missing");
        await AssertRefusedAsync(Post("image/png", []), 1008, "The request body is empty");
        await AssertRefusedAsync(Post("image/png", [], chunked: true), 1008, "The request body is empty");
        await AssertRefusedAsync(Post("image/gif", RandomBytes(10, seed: 6)), 1009, "Content-Type: 'image/gif' is not a supported media type");
        await AssertRefusedAsync(Post("audio/ogg", RandomBytes(10, seed: 7)), 1009, "Content-Type: 'audio/ogg' is not a supported media type");
        await AssertRefusedAsync(Post("image/png", overTheImageLimit), 1009, "Request content exceeds size of 1 KB, the limit for image files");
        await AssertRefusedAsync(Post("image/png", overTheImageLimit, chunked: true), 1009, "Request content exceeds size of 1 KB, the limit for image files");
        await AssertRefusedAsync(Post("application/pdf", overTheDocumentLimit), 1009, "Request content exceeds size of 3 MB, the limit for document files");
        await AssertRefusedAsync(Post("application/pdf", overTheDocumentLimit, chunked: true), 1009, "Request content exceeds size of 3 MB, the limit for document files");

        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Without_a_valid_token_every_media_route_is_401_and_nothing_is_stored()
    {
        var before = await RowsAsync();
        var id = await UploadAsync(Gateway1, media.UserToken, "image/jpeg", RandomBytes(100, seed: 8));

        foreach (var token in new[] { null, "not-a-token" })
        {
            using var request = Post("image/jpeg", RandomBytes(100, seed: 9), token: token);
            using var upload = await Gateway1.Http.SendAsync(request);
            await ApiAssert.ErrorsAsync(upload, HttpStatusCode.Unauthorized, 1005);
            using var download = await Gateway2.SendAsync(HttpMethod.Get, $"/v1/media/{id}", token);
            await ApiAssert.ErrorsAsync(download, HttpStatusCode.Unauthorized, 1005);
            using var delete = await Gateway2.SendAsync(HttpMethod.Delete, $"/v1/media/{id}", token);
            await ApiAssert.ErrorsAsync(delete, HttpStatusCode.Unauthorized, 1005);
        }

        Assert.Equal(before.Files + 1, (await RowsAsync()).Files); // only the upload with a token
        await AssertDownloadAsync(Gateway2, media.AdminToken, id, "image/jpeg", RandomBytes(100, seed: 8));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_three_media_routes()
    {
        var paths = (await Gateway1.GetJsonAsync("/openapi/v1.json", media.AdminToken)).GetProperty("paths");

        var upload = paths.GetProperty("/v1/media").GetProperty("post");
        Assert.Equal("UploadMedia", upload.GetProperty("operationId").GetString());
        var types = upload.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(t => t.Name).ToList();
        Assert.Contains("image/jpeg", types);
        Assert.Contains("audio/ogg; codecs=opus", types);
        Assert.True(upload.GetProperty("responses").TryGetProperty("201", out _));
        var file = paths.GetProperty("/v1/media/{id}");
        Assert.Equal("DownloadMedia", file.GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("DeleteMedia", file.GetProperty("delete").GetProperty("operationId").GetString());
    }

    private async Task<string> UploadAsync(GatewayNode gateway, string token, string contentType, byte[] bytes)
    {
        using var request = Post(contentType, bytes, token: token);
        using var response = await gateway.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("stable", json.RootElement.GetProperty("meta").GetProperty("api_status").GetString());
        var id = Assert.Single(json.RootElement.GetProperty("media").EnumerateArray()).GetProperty("id").GetString()!;
        Assert.True(Guid.TryParseExact(id, "D", out _), $"{id} is not a UUID");
        return id;
    }

    private static async Task AssertDownloadAsync(GatewayNode gateway, string token, string id, string contentType, byte[] expected)
    {
        using var response = await gateway.SendAsync(HttpMethod.Get, $"/v1/media/{id}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal((long?)expected.Length, response.Content.Headers.ContentLength);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexString(SHA256.HashData(expected)), Convert.ToHexString(SHA256.HashData(bytes)));
    }

    /// <summary>An upload as curl --data-binary sends it, with the user's token unless another is given; chunked has no Content-Length.</summary>
    private HttpRequestMessage Post(string? contentType, byte[] bytes, bool chunked = false, string? token = "")
    {
        HttpContent content;
        if (chunked)
        {
            // A stream that cannot tell its length is sent chunked; the pipe holds the whole body at once.
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));
            using (var writer = pipe.Writer.AsStream())
            {
                writer.Write(bytes);
            }

            content = new StreamContent(pipe.Reader.AsStream());
        }
        else
        {
            content = new ByteArrayContent(bytes);
        }

        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        // As curl does above 1 MB: the body follows only once the gateway asks for it, so a body refused
        // by its declared length is never sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/media") { Content = content };
        request.Headers.ExpectContinue = !chunked && bytes.Length > 1024 * 1024;
        if ((token == "" ? media.UserToken : token) is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    private async Task AssertRefusedAsync(HttpRequestMessage request, int code, string details)
    {
        using (request)
        {
            using var response = await Gateway1.Http.SendAsync(request);
            var error = Assert.Single(await ApiAssert.ErrorsAsync(response, HttpStatusCode.BadRequest, code));
            Assert.StartsWith(details, error.GetProperty("details").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<(long Files, long Chunks)> RowsAsync() =>
        (await ScalarAsync("SELECT count(*) FROM media"), await ScalarAsync("SELECT count(*) FROM media_chunks"));

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = media.Cluster.Database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
