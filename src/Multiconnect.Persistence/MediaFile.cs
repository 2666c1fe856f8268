namespace Multiconnect.Persistence;

/// <summary>A stored media file: its id (a UUID, as the original's), the MIME type it was uploaded with, and its size.</summary>
public sealed record MediaFile(Guid Id, string ContentType, long Length, DateTimeOffset CreatedAt);
