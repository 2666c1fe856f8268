namespace Multiconnect.Contracts.Grains;

/// <summary>
/// This activation of a shard was replaced by one with a newer epoch and no longer acts for it;
/// the caller should retry, which reaches the current activation.
/// </summary>
[GenerateSerializer]
public sealed class ShardFencedException : Exception
{
    public ShardFencedException()
    {
    }

    public ShardFencedException(string message)
        : base(message)
    {
    }

    public ShardFencedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
