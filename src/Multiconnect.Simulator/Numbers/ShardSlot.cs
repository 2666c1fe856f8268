using Multiconnect.Simulator.Sessions;

namespace Multiconnect.Simulator.Numbers;

/// <summary>One shard id of a business number: the highest epoch ever seen (the fence) and the session that holds it.</summary>
public sealed class ShardSlot
{
    private long _highestEpoch = -1;
    private ShardSession? _session;

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
