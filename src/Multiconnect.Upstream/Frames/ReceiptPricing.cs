namespace Multiconnect.Upstream.Frames;

/// <summary>How the conversation of a status is priced: <paramref name="Model"/> <c>CBP</c> (conversation-based), <paramref name="Category"/> its origin.</summary>
public sealed record ReceiptPricing(bool Billable, string Model, string Category);
