namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>A section of an interactive list: its <c>title</c> (required when there are several) and its <c>rows</c>.</summary>
public sealed record ListSection(string? Title = null, IReadOnlyList<ListRow>? Rows = null);
