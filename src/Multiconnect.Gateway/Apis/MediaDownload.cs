using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

/// <summary>
/// A media file as GET /v1/media/{id} answers it: its bytes, with the Content-Type it was uploaded with
/// and its length, copied from the store a chunk at a time. If the file is deleted while it is being
/// sent, the status is out already: the connection is cut, so the client sees a short body, never a
/// complete-looking wrong one.
/// </summary>
public sealed class MediaDownload(MediaFile file, IMediaStore store, ILogger logger) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = file.ContentType;
        httpContext.Response.ContentLength = file.Length;
        try
        {
            await store.CopyToAsync(file, httpContext.Response.Body, httpContext.RequestAborted);
        }
        catch (MediaGoneException gone)
        {
            logger.DownloadCutShort(file.Id, gone.Message);
            httpContext.Abort();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), ["application/octet-stream"]));
    }
}
