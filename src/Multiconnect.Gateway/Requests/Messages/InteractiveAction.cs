namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>An interactive message's <c>action</c>: <c>buttons</c> for type button; <c>button</c> (the list's label) and <c>sections</c> for type list.</summary>
public sealed record InteractiveAction(IReadOnlyList<ReplyButton>? Buttons = null, string? Button = null, IReadOnlyList<ListSection>? Sections = null);
