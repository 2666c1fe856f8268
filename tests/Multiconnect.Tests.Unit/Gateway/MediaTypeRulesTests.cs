using Multiconnect.Gateway.Apis;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Tests.Unit.Gateway;

/// <summary>Which uploads POST /v1/media takes, and how large each may be (docs/api.md, "Media").</summary>
public sealed class MediaTypeRulesTests
{
    private const long Megabyte = 1024 * 1024;
    private static readonly MediaOptions Defaults = new();

    [Theory]
    [InlineData("image/jpeg", "image", 5 * Megabyte)]
    [InlineData("image/png", "image", 5 * Megabyte)]
    [InlineData("IMAGE/PNG", "image", 5 * Megabyte)]
    [InlineData("image/webp", "sticker", 100L * 1024)]
    [InlineData("audio/aac", "audio", 16 * Megabyte)]
    [InlineData("audio/mp4", "audio", 16 * Megabyte)]
    [InlineData("audio/amr", "audio", 16 * Megabyte)]
    [InlineData("audio/mpeg", "audio", 16 * Megabyte)]
    [InlineData("audio/ogg; codecs=opus", "audio", 16 * Megabyte)]
    [InlineData("audio/ogg; codecs=\"opus\"", "audio", 16 * Megabyte)]
    [InlineData("video/mp4", "video", 16 * Megabyte)]
    [InlineData("video/3gpp", "video", 16 * Megabyte)]
    [InlineData("application/pdf", "document", 100 * Megabyte)]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document", 100 * Megabyte)]
    [InlineData("text/plain; charset=utf-8", "document", 100 * Megabyte)]
    [InlineData("application/octet-stream", "document", 100 * Megabyte)]
    public void Each_type_WhatsApp_lists_is_its_kind_of_media_with_the_originals_limit(string contentType, string kind, long maxBytes)
    {
        var result = MediaTypeRules.KindOf(contentType, Defaults);

        Assert.True(result.IsValid, result.Error?.Errors[0].Details);
        Assert.Equal(new MediaKind(kind, maxBytes), result.Value);
    }

    [Theory]
    [InlineData("image/gif")]
    [InlineData("image/jpg")]
    [InlineData("audio/ogg")]
    [InlineData("audio/ogg; codecs=vorbis")]
    [InlineData("video/webm")]
    [InlineData("*/*")]
    [InlineData("image/*")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("jpeg")]
    [InlineData("image/")]
    public void An_image_audio_or_video_type_WhatsApp_does_not_list_or_no_type_at_all_is_1009(string contentType)
    {
        var error = Assert.Single(MediaTypeRules.KindOf(contentType, Defaults).Error!.Errors);

        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, error.Code);
        Assert.StartsWith("Content-Type: '" + contentType + "' is not a supported media type", error.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_content_type_is_1008(string? contentType)
    {
        var error = Assert.Single(MediaTypeRules.KindOf(contentType, Defaults).Error!.Errors);

        Assert.Equal(ApiErrorCodes.RequiredParameterMissing, error.Code);
        Assert.StartsWith("Content-Type missing", error.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void No_kind_may_exceed_the_upload_cap()
    {
        var small = new MediaOptions { MaxUploadBytes = 3 * Megabyte, ImageBytes = 1024 };

        Assert.Equal(1024, MediaTypeRules.KindOf("image/png", small).Value!.MaxBytes);
        Assert.Equal(3 * Megabyte, MediaTypeRules.KindOf("application/pdf", small).Value!.MaxBytes);
        Assert.Equal(3 * Megabyte, MediaTypeRules.KindOf("video/mp4", small).Value!.MaxBytes);
        Assert.Null(small.Problem());
        Assert.NotNull(new MediaOptions { ImageBytes = 0 }.Problem());
        Assert.NotNull(new MediaOptions { MaxUploadBytes = 0 }.Problem());
        Assert.Null(Defaults.Problem());
    }

    [Fact]
    public void Too_large_names_the_limit_in_the_originals_words()
    {
        Assert.Equal("Request content exceeds size of 100 MB", Details(MediaTypeRules.TooLarge(new MediaKind("document", 100 * Megabyte), Defaults)));
        Assert.Equal("Request content exceeds size of 5 MB, the limit for image files", Details(MediaTypeRules.TooLarge(new MediaKind("image", 5 * Megabyte), Defaults)));
        Assert.Equal("Request content exceeds size of 100 KB, the limit for sticker files", Details(MediaTypeRules.TooLarge(new MediaKind("sticker", 100 * 1024), Defaults)));
        Assert.Equal(ApiErrorCodes.ParameterValueNotValid, MediaTypeRules.TooLarge(new MediaKind("image", 5 * Megabyte), Defaults).Errors[0].Code);
        Assert.Equal(400, MediaTypeRules.TooLarge(new MediaKind("image", 5 * Megabyte), Defaults).StatusCode);
        Assert.Equal("1000 bytes", MediaTypeRules.Size(1000));
    }

    [Fact]
    public void An_empty_file_is_1008()
    {
        Assert.Equal(ApiErrorCodes.RequiredParameterMissing, Assert.Single(MediaTypeRules.Empty().Errors).Code);
    }

    private static string Details(ApiError error) => Assert.Single(error.Errors).Details;
}
