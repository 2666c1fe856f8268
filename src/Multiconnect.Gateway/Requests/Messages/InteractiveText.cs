namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>An interactive message's <c>body</c> or <c>footer</c>: <c>{"text"}</c>.</summary>
public sealed record InteractiveText(string? Text);
