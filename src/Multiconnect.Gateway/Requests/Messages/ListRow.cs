namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A row of an interactive list: <c>id</c> (carried back by the webhook), <c>title</c>, optional <c>description</c>.</summary>
public sealed record ListRow(string? Id, string? Title, string? Description = null);
