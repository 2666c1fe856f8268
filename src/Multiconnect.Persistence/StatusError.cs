namespace Multiconnect.Persistence;

/// <summary>An entry of a failed status's <c>errors</c> array, as the webhook receives it: <c>{"code","title","details"}</c>.</summary>
public sealed record StatusError(int Code, string Title, string Details);
