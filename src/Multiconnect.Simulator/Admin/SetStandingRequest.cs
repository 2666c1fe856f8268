namespace Multiconnect.Simulator.Admin;

/// <summary>The operator of the servers sets an account's standing: <c>active</c> unblocks it.</summary>
public sealed record SetStandingRequest(string? Standing);
