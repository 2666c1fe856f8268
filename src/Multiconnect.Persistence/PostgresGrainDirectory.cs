using Multiconnect.Contracts.Grains;
using Npgsql;
using Orleans.GrainDirectory;

namespace Multiconnect.Persistence;

/// <summary>
/// An Orleans grain directory in the grain_directory table. Registration is one atomic statement:
/// it succeeds when the grain has no entry, or when the entry is the one the caller replaces;
/// otherwise it returns the entry that won. Orleans' locator caches lookups, ignores entries on
/// silos it knows are dead, and removes dead silos' entries through <see cref="UnregisterSilos"/>.
/// Orleans hands a directory's failure to the caller of the grain, across the network: a database
/// error leaves here as <see cref="StorageUnavailableException"/>, which it can carry ("retry").
/// </summary>
public sealed class PostgresGrainDirectory(NpgsqlDataSource dataSource, string serviceId) : IGrainDirectory
{
    public Task<GrainAddress?> Register(GrainAddress address) => Register(address, previousAddress: null);

    public async Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var command = dataSource.CreateCommand("""
            WITH registered AS (
                INSERT INTO grain_directory AS entry (service_id, grain_id, silo_address, activation_id, membership_version)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (service_id, grain_id) DO UPDATE
                   SET silo_address = EXCLUDED.silo_address, activation_id = EXCLUDED.activation_id,
                       membership_version = EXCLUDED.membership_version, registered_at = now()
                 WHERE entry.activation_id = $6
                RETURNING silo_address, activation_id, membership_version)
            SELECT silo_address, activation_id, membership_version FROM registered
            UNION ALL
            SELECT silo_address, activation_id, membership_version FROM grain_directory
             WHERE service_id = $1 AND grain_id = $2 AND NOT EXISTS (SELECT 1 FROM registered)
            """);
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = address.GrainId.ToString() });
        command.Parameters.Add(new() { Value = address.SiloAddress!.ToParsableString() });
        command.Parameters.Add(new() { Value = address.ActivationId.ToParsableString() });
        command.Parameters.Add(new() { Value = address.MembershipVersion.Value });
        command.Parameters.Add(new() { Value = (object?)previousAddress?.ActivationId.ToParsableString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadEntryAsync(command, address.GrainId) ?? await Lookup(address.GrainId);
    }

    public async Task Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_directory WHERE service_id = $1 AND grain_id = $2 AND activation_id = $3");
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = address.GrainId.ToString() });
        command.Parameters.Add(new() { Value = address.ActivationId.ToParsableString() });
        await CarriedAsync(() => command.ExecuteNonQueryAsync());
    }

    public async Task<GrainAddress?> Lookup(GrainId grainId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT silo_address, activation_id, membership_version FROM grain_directory WHERE service_id = $1 AND grain_id = $2");
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = grainId.ToString() });
        return await ReadEntryAsync(command, grainId);
    }

    public async Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        ArgumentNullException.ThrowIfNull(siloAddresses);
        await using var command = dataSource.CreateCommand(
            "DELETE FROM grain_directory WHERE service_id = $1 AND silo_address = ANY($2)");
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = siloAddresses.Select(silo => silo.ToParsableString()).ToArray() });
        await CarriedAsync(() => command.ExecuteNonQueryAsync());
    }

    private static async Task<T> CarriedAsync<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (NpgsqlException e)
        {
            throw new StorageUnavailableException($"The grain directory cannot be read or written now ({e.Message}); retry");
        }
    }

    private static Task<GrainAddress?> ReadEntryAsync(NpgsqlCommand command, GrainId grainId) => CarriedAsync(() => ReadAsync(command, grainId));

    private static async Task<GrainAddress?> ReadAsync(NpgsqlCommand command, GrainId grainId)
    {
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new GrainAddress
            {
                GrainId = grainId,
                SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
                ActivationId = ActivationId.FromParsableString(reader.GetString(1)),
                MembershipVersion = new MembershipVersion(reader.GetInt64(2)),
            }
            : null;
    }
}
