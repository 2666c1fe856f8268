using System.Collections.Concurrent;

namespace Multiconnect.Persistence;

/// <summary>
/// Development mode only: the media files of this one process, in its memory, lost when it stops (so a
/// file uploaded through one gateway is not found through another). Behaves as <see cref="PostgresMediaStore"/>,
/// except that a file is held whole; nothing deletes files past retention.
/// </summary>
public sealed class InMemoryMediaStore(TimeProvider time) : IMediaStore
{
    private readonly ConcurrentDictionary<Guid, (MediaFile File, byte[] Content)> _files = new();

    public async Task<MediaSaveResult> SaveAsync(Guid id, string contentType, Stream content, long maxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var copy = new MemoryStream();
        var buffer = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > maxLength)
            {
                return new MediaSaveResult(MediaSaveOutcome.TooLarge);
            }

            await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        if (copy.Length == 0)
        {
            return new MediaSaveResult(MediaSaveOutcome.Empty);
        }

        var file = new MediaFile(id, contentType, copy.Length, time.GetUtcNow());
        _files[id] = (file, copy.ToArray());
        return new MediaSaveResult(MediaSaveOutcome.Stored, file);
    }

    public Task<MediaFile?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(id, out var entry) ? entry.File : null);

    public async Task CopyToAsync(MediaFile file, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        if (!_files.TryGetValue(file.Id, out var entry))
        {
            throw new MediaGoneException(file.Id, 0, file.Length);
        }

        await destination.WriteAsync(entry.Content, cancellationToken);
    }

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) => Task.FromResult(_files.TryRemove(id, out _));
}
