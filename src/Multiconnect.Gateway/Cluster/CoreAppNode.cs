using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Cluster;

public sealed record CoreAppNode(SiloAddress Silo, string Node);
