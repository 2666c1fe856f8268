using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Multiconnect.Gateway;
using Multiconnect.Gateway.Apis;
using Multiconnect.Gateway.Errors;
using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Gateway;

/// <summary>POST /v1/media's handler: the body limit it raises, and Kestrel's refusal of a body over the cap, without a server.</summary>
public sealed class MediaUploadTests
{
    private const long Cap = 4 * 1024 * 1024;
    private static readonly IOptions<GatewayOptions> Options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { Media = new MediaOptions { MaxUploadBytes = Cap } });
    private readonly InMemoryMediaStore _store = new(TimeProvider.System);

    [Fact]
    public async Task The_body_limit_is_raised_to_the_cap_only_for_an_upload_that_passed_its_checks()
    {
        var accepted = Request("image/png", new MemoryStream([1, 2, 3]), out var acceptedLimit);
        var refused = Request("image/gif", new MemoryStream([1, 2, 3]), out var refusedLimit);

        var stored = await MediaApi.UploadAsync(accepted, _store, Options);
        var error = await MediaApi.UploadAsync(refused, _store, Options);

        var created = Assert.IsType<Created<MediaUploadResponse>>(stored.Result);
        Assert.Equal(3L, (await _store.FindAsync(Guid.Parse(created.Value!.Media[0].Id), CancellationToken.None))!.Length);
        Assert.Equal((long?)Cap, acceptedLimit.MaxRequestBodySize);
        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, Assert.IsType<ApiError>(error.Result).Errors[0].Code);
        Assert.Equal((long?)(64 * 1024), refusedLimit.MaxRequestBodySize);
    }

    [Fact]
    public async Task A_chunked_body_that_Kestrel_stops_at_the_cap_is_400_1009_naming_it()
    {
        // What Kestrel does when a body passes MaxRequestBodySize: the read throws.
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[1024]);
        await pipe.Writer.CompleteAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        var request = Request("video/mp4", pipe.Reader.AsStream(), out _);

        var answer = await MediaApi.UploadAsync(request, _store, Options);

        var error = Assert.Single(Assert.IsType<ApiError>(answer.Result).Errors);
        Assert.Equal((ApiErrorCodes.ParameterValueNotValid, "Request content exceeds size of 4 MB"), (error.Code, error.Details));
    }

    private static HttpRequest Request(string contentType, Stream body, out BodyLimit limit)
    {
        var context = new DefaultHttpContext();
        limit = new BodyLimit();
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = body;
        return context.Request;
    }

    /// <summary>Kestrel's feature as it is before the body is read: the gateway's default limit, still changeable.</summary>
    private sealed class BodyLimit : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = 64 * 1024;
    }
}
