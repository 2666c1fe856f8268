using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Persistence;
using Multiconnect.Upstream;
using Multiconnect.Upstream.Client;
using Multiconnect.Upstream.Frames;

namespace Multiconnect.Grains.Messaging;

/// <summary>
/// Media files between the service's store (<see cref="IMediaStore"/>, shared by every gateway and CoreApp)
/// and the servers, for one shard activation: a file a message names by id is put on the servers before the
/// message is sent, and the file of a user's media message is fetched into the store, checked against its
/// SHA-256, before the message is stored, so that <c>GET /v1/media/{id}</c> serves it from any gateway.
/// Ids the servers were found to hold are remembered for <see cref="RememberFor"/> on this session (a campaign
/// sends one image to many recipients), and forgotten when a new session opens, since the servers may have
/// restarted. Both directions throw when the store or the servers cannot be reached: the caller tries again.
/// </summary>
internal sealed class ShardMedia(IMediaStore store, UpstreamMedia upstream)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromHours(1);

    private const int MaxRemembered = 10_000;

    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);

    /// <summary>A new session opens: what the servers held may be gone.</summary>
    public void Forget() => _held.Clear();

    /// <summary>
    /// Makes sure the servers at <paramref name="servers"/> hold the file <paramref name="message"/> names, if it
    /// names one by id. Null when they do (or it names none); otherwise why the message can never be sent:
    /// the file was deleted from the store after the message was accepted, or the servers refuse it.
    /// </summary>
    public async Task<string?> PutAsync(Uri servers, BusinessAccount account, PendingMessage message, CancellationToken cancellationToken)
    {
        if (MessageContent.MediaId(message.Type, message.Body) is not { } id
            || (_held.TryGetValue(id, out var since) && Stopwatch.GetElapsedTime(since) < RememberFor))
        {
            return null;
        }

        if (!await upstream.HasAsync(servers, account, id, cancellationToken))
        {
            if (!Guid.TryParseExact(id, "D", out var fileId) || await store.FindAsync(fileId, cancellationToken) is not { } file)
            {
                return $"{message.Type}.id: no file {id} is stored any more (deleted after the message was accepted)";
            }

            try
            {
                if (await upstream.PutAsync(servers, account, id, file.ContentType, file.Length, (stream, token) => store.CopyToAsync(file, stream, token), cancellationToken) is { } refused)
                {
                    return $"{message.Type}.id: the servers refused file {id}: {refused}";
                }
            }
            catch (Exception e) when (e is MediaGoneException || e.InnerException is MediaGoneException)
            {
                return $"{message.Type}.id: file {id} was deleted while it was put on the servers";
            }
        }

        if (_held.Count >= MaxRemembered)
        {
            _held.Clear();
        }

        _held[id] = Stopwatch.GetTimestamp();
        return null;
    }

    /// <summary>
    /// Fetches the file of <paramref name="inbound"/>, a user's media message, from the servers into the store
    /// under the id the message gives it, unless it is stored already (the message came again). Null when the
    /// file is stored; otherwise why it cannot be: the servers do not hold it, its id is not one the store
    /// takes, or its bytes are not those the message's SHA-256 names. The message is stored either way.
    /// </summary>
    public async Task<string?> FetchAsync(Uri servers, BusinessAccount account, InboundFrame inbound, CancellationToken cancellationToken)
    {
        if (!MessageTypes.Media.Contains(inbound.MessageType) || Named(inbound.Body) is not ({ } id, var sha256, var mimeType))
        {
            return null;
        }

        if (!Guid.TryParseExact(id, "D", out var fileId))
        {
            return $"its id {id} is not a file id (a UUID)";
        }

        if (await store.FindAsync(fileId, cancellationToken) is not null)
        {
            return null;
        }

        using var response = await upstream.GetAsync(servers, account, id, cancellationToken);
        if (response is null)
        {
            return $"the servers hold no file {id}";
        }

        using var hash = SHA256.Create();
        var contentType = response.Content.Headers.ContentType is { } given ? given.ToString() : mimeType ?? "application/octet-stream";
        MediaSaveResult saved;
        await using (var content = new CryptoStream(await response.Content.ReadAsStreamAsync(cancellationToken), hash, CryptoStreamMode.Read))
        {
            saved = await store.SaveAsync(fileId, contentType, content, UpstreamProtocol.MaxMediaBytes, cancellationToken);
        }

        if (saved.Outcome != MediaSaveOutcome.Stored)
        {
            return $"the servers' file {id} is {saved.Outcome.ToString().ToLowerInvariant()}";
        }

        var fetched = Convert.ToHexStringLower(hash.Hash!);
        if (sha256 is not null && !string.Equals(fetched, sha256, StringComparison.OrdinalIgnoreCase))
        {
            await store.DeleteAsync(fileId, CancellationToken.None);
            return $"the servers' file {id} has SHA-256 {fetched}, not {sha256} as the message says";
        }

        return null;
    }

    /// <summary>The id, sha256 and mime_type a user's media message gives its file.</summary>
    private static (string? Id, string? Sha256, string? MimeType) Named(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var file = document.RootElement;
            return file.ValueKind == JsonValueKind.Object ? (Text(file, "id"), Text(file, "sha256"), Text(file, "mime_type")) : default;
        }
        catch (JsonException)
        {
            return default;
        }

        static string? Text(JsonElement file, string name) =>
            file.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
