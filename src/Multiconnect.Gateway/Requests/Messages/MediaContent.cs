namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// <c>image</c>, <c>audio</c>, <c>video</c>, <c>document</c>, <c>sticker</c> (and media in template parameters
/// and interactive headers): exactly one of <c>id</c> (an uploaded medium, POST /v1/media) and <c>link</c>
/// (http or https); <c>caption</c> only for image, video and document; <c>filename</c> only for document.
/// </summary>
public sealed record MediaContent(string? Id = null, string? Link = null, string? Caption = null, string? Filename = null, MediaProvider? Provider = null)
{
    /// <summary>Our choice: the On-Premises limit is not documented (the Cloud API's is 1,024).</summary>
    public const int MaxCaptionLength = 1024;

    public const int MaxLinkLength = 2048;

    public const int MaxFilenameLength = 240;

    public const int MaxIdLength = 128;

    public void Validate(RequestProblems problems, string path, string kind)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if ((Id is null) == (Link is null))
        {
            problems.Invalid(path, "must have exactly one of id (an uploaded medium) and link");
        }

        if (Id is not null)
        {
            problems.Text(Id, $"{path}.id", 1, MaxIdLength);
        }

        if (Link is not null && WebLink.From(Link, MaxLinkLength) is null)
        {
            problems.Invalid($"{path}.link", $"must be an absolute http:// or https:// URL of at most {MaxLinkLength} characters");
        }

        if (Caption is not null && kind is not ("image" or "video" or "document"))
        {
            problems.Invalid($"{path}.caption", $"is not allowed for {kind}: only image, video and document have a caption");
        }

        problems.OptionalText(Caption, $"{path}.caption", MaxCaptionLength);
        if (Filename is not null && kind != "document")
        {
            problems.Invalid($"{path}.filename", $"is not allowed for {kind}: only a document has a filename");
        }

        problems.OptionalText(Filename, $"{path}.filename", MaxFilenameLength);
        if (Provider is not null)
        {
            problems.Text(Provider.Name, $"{path}.provider.name", 1, 256);
        }
    }
}
