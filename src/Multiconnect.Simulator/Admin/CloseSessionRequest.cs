namespace Multiconnect.Simulator.Admin;

public sealed record CloseSessionRequest(string? Number, int? Shard);
