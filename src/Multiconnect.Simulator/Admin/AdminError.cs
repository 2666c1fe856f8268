namespace Multiconnect.Simulator.Admin;

/// <summary>The admin API's error body: what was wrong, in a sentence.</summary>
public sealed record AdminError(string Error);
