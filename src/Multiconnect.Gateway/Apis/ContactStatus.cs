namespace Multiconnect.Gateway.Apis;

/// <summary>A number as asked, <c>valid</c> with its WhatsApp id, or <c>invalid</c> without one.</summary>
public sealed record ContactStatus(string Input, string Status, string? WaId = null);
