namespace Multiconnect.Cli;

/// <summary>
/// One row of `./mc soak`, taken <see cref="ElapsedS"/> seconds after the load began: the messages
/// accepted so far, the rate and the errors since the previous row, the messages accepted but not yet
/// at the simulator (null when it did not answer), the database's size (null in memory, or when
/// PostgreSQL did not answer) and each process's resident memory.
/// </summary>
internal sealed record SoakSample(
    double ElapsedS,
    long Accepted,
    double Rate,
    long Errors,
    long? Backlog,
    double? DatabaseMb,
    IReadOnlyList<ProcessMemory> Processes);

/// <summary>A process's resident memory at a sample and the pid it had then (a new pid: it was started again); null while it was not running.</summary>
internal sealed record ProcessMemory(string Name, string Role, int Pid, double? Mb);
