namespace Multiconnect.Persistence;

/// <summary>
/// The conversation a status is counted in and its pricing, as the WhatsApp servers tell them
/// (the webhook's <c>conversation</c> and <c>pricing</c>): its id, when it ends (Unix seconds), its origin
/// (<c>business_initiated</c>, <c>user_initiated</c>, …), and whether it is billable under which model and category.
/// </summary>
public sealed record StatusConversation(string Id, long ExpiresAt, string Origin, bool Billable, string PricingModel, string Category);
