namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The database failed a call on the way to an answer: a retry may succeed. Database errors cross
/// Orleans as this (the CoreApp's <c>StorageErrors</c> filter), since Orleans cannot carry the driver's own.
/// </summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
