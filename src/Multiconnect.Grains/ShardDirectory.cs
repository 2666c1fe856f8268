namespace Multiconnect.Grains;

/// <summary>
/// The grain directory that records where the shards and the master are active. The CoreApp backs
/// it with PostgreSQL, so a silo's death never loses the entries of shards on other silos.
/// </summary>
public static class ShardDirectory
{
    public const string Name = "shards";
}
