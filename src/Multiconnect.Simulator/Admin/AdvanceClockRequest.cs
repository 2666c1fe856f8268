namespace Multiconnect.Simulator.Admin;

/// <summary>POST /admin/clock: moves the servers' clock forward by <see cref="AdvanceSeconds"/> (0 to 3650 days' worth).</summary>
public sealed record AdvanceClockRequest(double? AdvanceSeconds);
