namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>One of an interactive button message's buttons: <c>{"type":"reply","reply":{"id","title"}}</c>.</summary>
public sealed record ReplyButton(string? Type, ButtonReply? Reply);
