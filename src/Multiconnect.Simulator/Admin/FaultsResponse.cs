using Multiconnect.Simulator.Faults;

namespace Multiconnect.Simulator.Admin;

public sealed record FaultsResponse(IReadOnlyList<Fault> Latency, IReadOnlyList<Fault> RefuseSessions);
