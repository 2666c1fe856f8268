namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>An interactive message's <c>header</c>: <c>type</c> text (with <c>text</c>), image, video or document (with the medium).</summary>
public sealed record InteractiveHeader(string? Type, string? Text = null, MediaContent? Image = null, MediaContent? Video = null, MediaContent? Document = null);
