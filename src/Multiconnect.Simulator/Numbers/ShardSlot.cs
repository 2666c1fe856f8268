using Multiconnect.Simulator.Sessions;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// One shard id of a business number: the highest epoch ever seen (the fence) and the session that holds it.
/// <see cref="Gate"/> makes a send's fence check and its record one step, so that no takeover falls between them.
/// </summary>
public sealed class ShardSlot
{
    private long _highestEpoch = -1;
    private ShardSession? _session;

    /// <summary>Taken by every change of the fence or the session, and by each send while it is checked and recorded.</summary>
    public Lock Gate { get; } = new();

    public long HighestEpoch
    {
        get => Volatile.Read(ref _highestEpoch);
        set => Volatile.Write(ref _highestEpoch, value);
    }

    public ShardSession? Session
    {
        get => Volatile.Read(ref _session);
        set => Volatile.Write(ref _session, value);
    }

    public bool EverOpened => HighestEpoch >= 0;
}
