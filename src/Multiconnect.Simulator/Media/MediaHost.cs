using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Multiconnect.Simulator.Media;

/// <summary>
/// The servers' media files, in memory: those businesses put before sending them, and those users send.
/// Any account that names a file's id may fetch it, as anyone with a link fetches a file from WhatsApp's
/// media servers. A file is kept <see cref="Retention"/> (the 14 days the servers keep sent media,
/// ../shared/WA-API.md §4) on the simulator's clock, and the oldest go first once the files together
/// would pass <see cref="SimulatorOptions.MediaCapacityBytes"/>, so that a long run's memory stays bounded.
/// </summary>
public sealed class MediaHost(IOptions<SimulatorOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private readonly ConcurrentDictionary<string, MediaFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<MediaFile> _arrival = new();
    private readonly long _capacity = options.Value.MediaCapacityBytes;
    private long _bytes;

    /// <summary>The file, or null when the servers do not hold it (never did, or no longer).</summary>
    public MediaFile? Find(string id)
    {
        if (!_files.TryGetValue(id, out var file))
        {
            return null;
        }

        return clock.GetUtcNow() - file.StoredAt < Retention ? file : null;
    }

    /// <summary>Keeps <paramref name="content"/> as the file <paramref name="id"/>; a file held already under that id stays as it is.</summary>
    public MediaFile Put(string id, string contentType, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (Find(id) is { } held)
        {
            return held;
        }

        var file = new MediaFile(id, contentType, content, Convert.ToHexStringLower(SHA256.HashData(content)), clock.GetUtcNow());
        if (!_files.TryAdd(id, file))
        {
            // Put meanwhile by another request, or expired and about to be replaced.
            _files[id] = file;
        }

        _arrival.Enqueue(file);
        Interlocked.Add(ref _bytes, content.Length);
        Evict();
        return file;
    }

    /// <summary>A user's copy of <paramref name="file"/> (a file forwarded to the business): the same bytes under a new id.</summary>
    public MediaFile Forward(MediaFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Put(Guid.NewGuid().ToString(), file.ContentType, file.Content);
    }

    /// <summary>A new file of a few kilobytes that a user sends, of MIME type <paramref name="contentType"/>: a header naming it, then filler.</summary>
    public MediaFile Write(string contentType, string description)
    {
        var id = Guid.NewGuid().ToString();
        var content = new byte[2048];
        var header = Encoding.UTF8.GetBytes($"simulated {contentType} {id}: {description}\n");
        header.AsSpan(0, Math.Min(header.Length, content.Length)).CopyTo(content);
        for (var i = header.Length; i < content.Length; i++)
        {
            content[i] = (byte)('a' + (i % 26));
        }

        return Put(id, contentType, content);
    }

    private void Evict()
    {
        while (Interlocked.Read(ref _bytes) > _capacity && _arrival.TryDequeue(out var oldest))
        {
            _files.TryRemove(new KeyValuePair<string, MediaFile>(oldest.Id, oldest));
            Interlocked.Add(ref _bytes, -oldest.Content.Length);
        }
    }
}
