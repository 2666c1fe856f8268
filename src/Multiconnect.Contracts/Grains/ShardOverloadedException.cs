namespace Multiconnect.Contracts.Grains;

/// <summary>The shard's backlog of messages not yet delivered upstream is at its bound: new sends are refused until it drains.</summary>
[GenerateSerializer]
public sealed class ShardOverloadedException : Exception
{
    public ShardOverloadedException()
    {
    }

    public ShardOverloadedException(string message)
        : base(message)
    {
    }

    public ShardOverloadedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
