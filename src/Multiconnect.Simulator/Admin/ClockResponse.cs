namespace Multiconnect.Simulator.Admin;

/// <summary>The servers' clock: how far (seconds) it is ahead of the machine's, and its time now (Unix seconds).</summary>
public sealed record ClockResponse(double OffsetSeconds, long Now);
