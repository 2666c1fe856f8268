namespace Multiconnect.Simulator.Admin;

/// <summary>Refuses new sessions (reason <c>unavailable</c>) for <see cref="Seconds"/>; for one number or all.</summary>
public sealed record RefuseSessionsRequest(double? Seconds, string? Number);
