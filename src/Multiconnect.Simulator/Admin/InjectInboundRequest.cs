namespace Multiconnect.Simulator.Admin;

/// <summary>POST /admin/numbers/{number}/inbound: a simulated user writes to the business now (under <see cref="Name"/>, when given).</summary>
public sealed record InjectInboundRequest(string? From, string? Body, string? Name = null);
