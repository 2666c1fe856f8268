using System.Collections.Concurrent;

namespace Multiconnect.Harness;

/// <summary>What a running <see cref="MessageLoad"/> has done so far, for a live display: read it with <see cref="Take"/>.</summary>
public sealed class LoadProgress
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private long _accepted;
    private long _errors;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Errors => Interlocked.Read(ref _errors);

    internal void Record(double latencyMs, string? error)
    {
        if (error is null)
        {
            Interlocked.Increment(ref _accepted);
            _latencies.Enqueue(latencyMs);
        }
        else
        {
            Interlocked.Increment(ref _errors);
        }
    }

    /// <summary>The latencies of the sends accepted since the last call, sorted.</summary>
    public List<double> Take()
    {
        var taken = new List<double>();
        while (_latencies.TryDequeue(out var latency))
        {
            taken.Add(latency);
        }

        taken.Sort();
        return taken;
    }
}
