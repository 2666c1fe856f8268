namespace Multiconnect.Persistence;

/// <summary>
/// Media files, shared by every gateway and CoreApp of the service. Content goes in and out as streams,
/// a chunk at a time: no method holds a whole file in memory (the in-memory twin aside).
/// </summary>
public interface IMediaStore
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end and stores it as the file <paramref name="id"/>. An empty
    /// content, or one longer than <paramref name="maxLength"/>, is refused and nothing is kept; so is
    /// whatever was written when reading or writing fails (the exception is rethrown). The file can be
    /// found only once it is stored whole.
    /// </summary>
    Task<MediaSaveResult> SaveAsync(Guid id, string contentType, Stream content, long maxLength, CancellationToken cancellationToken);

    /// <summary>The file, or null when this service has no complete file with that id.</summary>
    Task<MediaFile?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the file's content to <paramref name="destination"/>, a chunk at a time. Throws
    /// <see cref="MediaGoneException"/> when the file is deleted before all of it was read.
    /// </summary>
    Task CopyToAsync(MediaFile file, Stream destination, CancellationToken cancellationToken);

    /// <summary>Deletes the file; false when this service had no complete file with that id.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
}
