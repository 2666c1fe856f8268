using Microsoft.Extensions.Logging;
using Multiconnect.Contracts.Grains;
using Multiconnect.Contracts.Routing;
using Multiconnect.Grains.Placement;
using Multiconnect.Persistence;
using Multiconnect.Upstream;
using Orleans.GrainDirectory;

namespace Multiconnect.Grains;

/// <summary>
/// The master. Changes the shard map (a new count is a new generation, stored in <see cref="IShardMapStore"/>
/// before it answers), places shards (see <see cref="ShardAssignment"/>) and keeps all of them alive with
/// the map in force: every CoreApp pokes it at start-up, on every membership change and every few seconds
/// (<c>ShardKeeper</c>), so shards come back after a silo dies without any request, and shards beyond the
/// count stay alive until they have delivered everything they accepted. Shards never call the master.
/// </summary>
[MasterPlacement, GrainDirectory(GrainDirectoryName = ShardDirectory.Name)]
public sealed partial class ShardMapGrain(
    [PersistentState("shard-map", StorageNames.Cluster)] IPersistentState<ShardMapState> earlierState,
    IShardMapStore maps,
    IMessageLog log,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IShardLeaseStore leases,
    AccountCheck accountCheck,
    ILogger<ShardMapGrain> logger) : Grain, IShardMapGrain
{
    /// <summary>How long the master waits for one shard to answer before going on with the others.</summary>
    private static readonly TimeSpan ShardCallTimeout = TimeSpan.FromSeconds(2);

    private readonly ShardAssignment _assignment = new();
    private ShardMapView _map = new(ShardCount.One, 0, null, null);

    /// <summary>The account a registration code was requested for, until the code is verified; lost if the master moves.</summary>
    private BusinessAccount? _registering;

    /// <summary>A master that starts (or restarts on another silo) reads the map, and learns where the shards are from their leases.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        StorageErrors.ActivateAsync(() => ActivateAsync(cancellationToken), logger, "the shard map master");

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _map = await maps.ReadAsync(cancellationToken);
        if (_map is { Generation: 0, Account: null } && earlierState.State.Account is { } account)
        {
            // Versions before shard_maps kept the map in Orleans grain state: carried over once.
            _map = await maps.ChangeAsync(ShardCount.From(earlierState.State.ShardCount), account, cancellationToken);
        }

        foreach (var lease in await leases.ListAsync(cancellationToken))
        {
            _assignment.Record(lease.ShardId, SiloAddress.FromParsableString(lease.OwnerSilo));
        }
    }

    public Task<ShardMapView> GetAsync() => Task.FromResult(_map);

    public async Task<ShardMapView> SetShardCountAsync(ShardCount shards, string cc, string phoneNumber, string? cert, string? pin)
    {
        var stored = _map.Account;
        if (stored is null && accountCheck.HasUpstream)
        {
            throw new AccountRefusedException(AccountRefusal.Unregistered, null,
                "No business number is registered yet: register it with POST /v1/account and POST /v1/account/verify first");
        }

        if (stored is not null && !stored.Is(cc, phoneNumber))
        {
            throw new AccountRefusedException(AccountStanding.Active, AccountRefusal.NotRegistered,
                $"+{cc}{phoneNumber} is not the registered number (+{stored.Number}); register it first with POST /v1/account");
        }

        var certificate = cert ?? stored?.Certificate ?? throw new AccountRefusedException(AccountStanding.Active, RefusalReasons.CertificateMissing,
            "the number's verified-name certificate is required to name the number");
        Verdict(cc + phoneNumber, await AskUpstreamAsync(() => accountCheck.CheckAsync(cc, phoneNumber, cert, pin, CancellationToken.None)));
        return await ChangeAsync(shards, new BusinessAccount(cc, phoneNumber, certificate));
    }

    public async Task<Registration> RegisterAsync(BusinessAccount account, string method, string? pin)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!accountCheck.HasUpstream || _map.Account is { } stored && stored.Is(account.Cc, account.PhoneNumber))
        {
            // Registered already (or no servers to ask): the certificate is checked and kept, as for a change of count.
            Verdict(account.Number, await AskUpstreamAsync(() => accountCheck.CheckAsync(account.Cc, account.PhoneNumber, account.Certificate, pin, CancellationToken.None)));
            await ChangeAsync(_map.Shards, account);
            return new Registration(CodeSent: false, VName: null);
        }

        var answer = await AskUpstreamAsync(() => accountCheck.RequestCodeAsync(account, method, pin, CancellationToken.None));
        Verdict(account.Number, answer);
        _registering = account;
        LogCodeRequested(logger, account.Number, method);
        return new Registration(CodeSent: true, answer?.VName);
    }

    public async Task<ShardMapView> VerifyAsync(string code)
    {
        var account = _registering ?? throw new AccountRefusedException(AccountRefusal.Unregistered, AccountRefusal.NoCodeRequested,
            "No registration is waiting for a code here: request one with POST /v1/account (again, if the master moved since)");
        Verdict(account.Number, await AskUpstreamAsync(() => accountCheck.VerifyAsync(account, code, CancellationToken.None)));
        _registering = null;
        if (_map.Account is { } earlier && !earlier.Is(account.Cc, account.PhoneNumber))
        {
            LogNumberReplaced(logger, earlier.Number, account.Number);
        }

        return await ChangeAsync(_map.Shards, account);
    }

    /// <summary>Stores the account and count (a new generation when either the count or the number changes), then tells the shards.</summary>
    private async Task<ShardMapView> ChangeAsync(ShardCount shards, BusinessAccount account)
    {
        ShardMapView map;
        try
        {
            map = await maps.ChangeAsync(shards, account, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogChangeNotStored(logger, shards.Value, e);
            throw new ShardMapUnavailableException("The shard map could not be stored now; nothing changed. Retry.");
        }

        if (map.Generation != _map.Generation)
        {
            LogShardCountChanged(logger, _map.Shards.Value, map.Shards.Value, map.Generation);
        }

        _map = map;
        try
        {
            await KeepShardsAsync(map);
        }
        catch (Exception e)
        {
            // The new generation is stored and in force; the shards hear of it on the keeper's next pass.
            LogShardsNotTold(logger, map.Generation, e.Message);
        }

        return map;
    }

    public async Task SetTwoStepAsync(string? pin)
    {
        var account = _map.Account ?? throw new AccountRefusedException(
            AccountRefusal.Unregistered, null, "No business number is registered yet: POST /v1/account registers it");
        Verdict(account.Number, await AskUpstreamAsync(() => accountCheck.SetTwoStepAsync(account, pin, CancellationToken.None)));
        LogTwoStepSet(logger, pin is null ? "off" : "on");
    }

    /// <summary>The servers' answer; unreachable, nothing has changed and the caller retries.</summary>
    private async Task<AccountCheckResponse?> AskUpstreamAsync(Func<Task<AccountCheckResponse?>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            LogAccountNotChecked(logger, e.Message);
            throw new ShardMapUnavailableException("The WhatsApp servers could not be reached to check the account now; nothing changed. Retry.");
        }
    }

    /// <summary>
    /// Goes on only if the servers accepted the certificate (and PIN) for the account, or there are no
    /// servers to ask; they have already acted on the account (logged it out for a certificate of another
    /// number, blocked it for an expired one), and nothing changes here.
    /// </summary>
    private void Verdict(string number, AccountCheckResponse? answer)
    {
        if (answer is { Accepted: false })
        {
            LogAccountRefused(logger, number, answer.Refusal ?? "none", answer.Standing, answer.Detail);
            throw new AccountRefusedException(answer.Standing, answer.Refusal, answer.Detail);
        }
    }

    public async Task EnsureShardsAsync()
    {
        _map = await maps.ReadAsync(CancellationToken.None);
        await KeepShardsAsync(_map);
    }

    /// <summary>One pass with the map in force: every shard told, those beyond the count kept until drained, at most one move.</summary>
    private async Task KeepShardsAsync(ShardMapView map)
    {
        var count = map.Shards.Value;
        var live = LiveSilos();
        var draining = (await log.ShardsWithPendingAsync(count, CancellationToken.None)).ToHashSet();
        foreach (var stale in (await leases.ListAsync(CancellationToken.None)).Where(lease => lease.ShardId >= count))
        {
            if (live.Any(silo => silo.ToParsableString() == stale.OwnerSilo))
            {
                draining.Add(stale.ShardId); // told the map, it retires once it has nothing left to deliver
            }
            else if (!draining.Contains(stale.ShardId))
            {
                // Its owner is gone and it left nothing: free the lease without starting the shard just to stop it.
                await leases.ReleaseAsync(stale, CancellationToken.None);
            }
        }

        _assignment.Retain(draining.Count == 0 ? count : Math.Max(count, draining.Max() + 1), live);
        var activations = await Task.WhenAll(Enumerable.Range(0, count).Concat(draining.Order()).Select(id => KeepAsync(id, map)));
        foreach (var activation in activations.OfType<ShardActivation>())
        {
            _assignment.Record(activation.ShardId, activation.Silo);
        }

        if (_assignment.NextMove(live) is var (shardId, to))
        {
            LogMovingShard(logger, shardId, to);
            _assignment.Record(shardId, to);
            await TryAsync(shardId, shard => shard.RetireAsync());
            await KeepAsync(shardId, map);
        }
    }

    public Task<SiloAddress> PlaceAsync(int shardId, SiloAddress[] candidates) =>
        Task.FromResult(_assignment.Place(shardId, candidates));

    public Task<SiloAddress> GetLocationAsync() => Task.FromResult(silo.SiloAddress);

    private async Task<ShardActivation?> KeepAsync(int shardId, ShardMapView map)
    {
        ShardActivation? activation = null;
        await TryAsync(shardId, async shard => activation = await shard.KeepAsync(map));
        return activation;
    }

    private async Task TryAsync(int shardId, Func<IShardGrain, Task> call)
    {
        try
        {
            await call(GrainFactory.GetGrain<IShardGrain>(shardId)).WaitAsync(ShardCallTimeout);
        }
        catch (Exception e)
        {
            // Whatever it was (a timeout, a silo going, a shard stopping), the next pass (at most a few
            // seconds away) tries again; a change of count is stored already and never fails for it.
            LogShardUnavailable(logger, shardId, e.Message);
        }
    }

    private List<SiloAddress> LiveSilos() =>
        [.. membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    [LoggerMessage(Level = LogLevel.Information, Message = "A registration code was requested for +{Number} by {Method}")]
    private static partial void LogCodeRequested(ILogger logger, string number, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "+{New} is registered in place of +{Earlier}: the sessions of +{Earlier} close, and what was accepted for it and not sent fails")]
    private static partial void LogNumberReplaced(ILogger logger, string earlier, string @new);

    [LoggerMessage(Level = LogLevel.Information, Message = "Two-step verification turned {State}")]
    private static partial void LogTwoStepSet(ILogger logger, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream could not check the account's certificate: {Reason}")]
    private static partial void LogAccountNotChecked(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream refused the account +{Number} ({Refusal}); it is {Standing}: {Detail}")]
    private static partial void LogAccountRefused(ILogger logger, string number, string refusal, string standing, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard count changed from {From} to {To} (generation {Generation})")]
    private static partial void LogShardCountChanged(ILogger logger, int from, int to, long generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change of the shard count to {Shards} could not be stored; nothing changed")]
    private static partial void LogChangeNotStored(ILogger logger, int shards, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generation {Generation} is stored, but the shards could not all be told yet: {Reason}; the next pass tells them")]
    private static partial void LogShardsNotTold(ILogger logger, long generation, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Moving shard {ShardId} to free silo {Silo}")]
    private static partial void LogMovingShard(ILogger logger, int shardId, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId} did not answer the master: {Reason}")]
    private static partial void LogShardUnavailable(ILogger logger, int shardId, string reason);
}
