namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A reply button's <c>reply</c>: the <c>id</c> the webhook will carry back and the <c>title</c> shown.</summary>
public sealed record ButtonReply(string? Id, string? Title);
