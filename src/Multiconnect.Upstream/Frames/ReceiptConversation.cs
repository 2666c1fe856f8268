namespace Multiconnect.Upstream.Frames;

/// <summary>
/// The conversation a status is counted in, as the servers open them: 24 hours from the first message
/// to a recipient, <paramref name="Origin"/> <c>user_initiated</c> when the user wrote in the 24 hours
/// before it, else <c>business_initiated</c>. <paramref name="ExpiresAt"/> is Unix seconds.
/// </summary>
public sealed record ReceiptConversation(string Id, long ExpiresAt, string Origin);
