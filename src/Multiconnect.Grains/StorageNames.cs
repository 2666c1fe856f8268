namespace Multiconnect.Grains;

/// <summary>Names of the grain-storage providers the CoreApp registers.</summary>
public static class StorageNames
{
    /// <summary>Durable cluster state: the shard map. ADO.NET on PostgreSQL in production.</summary>
    public const string Cluster = "cluster";
}
