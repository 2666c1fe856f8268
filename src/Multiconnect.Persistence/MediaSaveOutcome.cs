namespace Multiconnect.Persistence;

/// <summary>What became of an upload: stored, or refused with nothing kept.</summary>
public enum MediaSaveOutcome
{
    Stored,

    /// <summary>The content had no bytes.</summary>
    Empty,

    /// <summary>The content had more bytes than allowed; reading stopped at the first byte beyond.</summary>
    TooLarge,
}
