namespace Multiconnect.Persistence;

/// <summary>
/// What an append did: <see cref="Written"/> the messages newly written (in accepted order), or nothing
/// because the shard's lease is lost (<see cref="LeaseHeld"/> false), or because the shard map moved on
/// to <see cref="CurrentGeneration"/>.
/// </summary>
public sealed record AppendResult(bool LeaseHeld, long CurrentGeneration, IReadOnlyList<PendingMessage> Written)
{
    public bool Accepted(long generation) => LeaseHeld && CurrentGeneration == generation;
}
