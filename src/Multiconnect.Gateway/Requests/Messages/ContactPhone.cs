namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A contact card's phone: <c>phone</c> as written, <c>type</c> (CELL, MAIN, IPHONE, HOME, WORK), <c>wa_id</c>.</summary>
public sealed record ContactPhone(string? Phone = null, string? Type = null, string? WaId = null);
