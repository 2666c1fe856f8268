namespace Multiconnect.Gateway.Requests;

/// <summary>A URL a request may name for us or the servers to fetch or post to: absolute, http or https, with a host, no white space.</summary>
public static class WebLink
{
    public static Uri? From(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= maxLength
            && !text.Any(char.IsWhiteSpace)
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
                ? uri
                : null;
    }
}
