namespace Multiconnect.Persistence;

/// <summary>A media file was deleted (by DELETE /v1/media/{id} or by retention) while it was being read.</summary>
public sealed class MediaGoneException : Exception
{
    public MediaGoneException()
    {
    }

    public MediaGoneException(string message)
        : base(message)
    {
    }

    public MediaGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaGoneException(Guid id, long read, long length)
        : base($"Media file {id} was deleted after {read} of its {length} bytes were read")
    {
    }
}
