using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Multiconnect.Gateway.Auth;

/// <summary>User and password from an 'Authorization: Basic …' header.</summary>
public sealed record BasicCredentials(string User, string Password)
{
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out BasicCredentials? credentials)
    {
        ArgumentNullException.ThrowIfNull(request);
        credentials = null;
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string prefix = "Basic ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header[prefix.Length..].Trim(), decoded, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(decoded[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        credentials = new BasicCredentials(text[..colon], text[(colon + 1)..]);
        return true;
    }
}
