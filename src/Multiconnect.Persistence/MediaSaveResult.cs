namespace Multiconnect.Persistence;

/// <summary>The outcome of <see cref="IMediaStore.SaveAsync"/>, and the file when it was stored.</summary>
public sealed record MediaSaveResult(MediaSaveOutcome Outcome, MediaFile? File = null);
