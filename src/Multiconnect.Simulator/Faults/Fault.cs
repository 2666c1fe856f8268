namespace Multiconnect.Simulator.Faults;

/// <summary>An active fault: its latency (for latency faults), until when it lasts (null: until cleared), and for which number ("*": all).</summary>
public sealed record Fault(TimeSpan Latency, DateTimeOffset? Until, string Scope = FaultInjector.AllNumbers);
