namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The shard does not own the message's recipient in the current generation of the shard map (the
/// sender routed by an older one, or the shard id is beyond the count): nothing was accepted. The
/// caller routes again by <see cref="Shards"/> and <see cref="Generation"/>, the map in force.
/// </summary>
[GenerateSerializer]
public sealed class ShardMovedException : Exception
{
    public ShardMovedException()
    {
    }

    public ShardMovedException(string message)
        : base(message)
    {
    }

    public ShardMovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ShardMovedException(int shards, long generation)
        : base($"The recipient belongs to another shard in generation {generation} of the shard map ({shards} shards)") =>
        (Shards, Generation) = (shards, generation);

    [Id(0)]
    public int Shards { get; init; }

    [Id(1)]
    public long Generation { get; init; }
}
