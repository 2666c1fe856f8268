namespace Multiconnect.Simulator.Admin;

public sealed record RecipientSummary(string Recipient, int Delivered);
