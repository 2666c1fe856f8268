namespace Multiconnect.Contracts.Grains;

/// <summary>The shard map could not be stored or read now (the database is unreachable): nothing changed; retry.</summary>
[GenerateSerializer]
public sealed class ShardMapUnavailableException : Exception
{
    public ShardMapUnavailableException()
    {
    }

    public ShardMapUnavailableException(string message)
        : base(message)
    {
    }

    public ShardMapUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
