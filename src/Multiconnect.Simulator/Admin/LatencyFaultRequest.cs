namespace Multiconnect.Simulator.Admin;

/// <summary>Adds latency before each batch of frames a session sends is handled; for <see cref="Seconds"/> or until cleared; for one number or all.</summary>
public sealed record LatencyFaultRequest(int? Milliseconds, double? Seconds, string? Number);
