namespace Multiconnect.Persistence;

/// <summary>
/// One page of the users' messages past retention: <paramref name="Read"/> rows looked at, of which
/// <paramref name="Deleted"/> were deleted (the others' callbacks still wait); the next page starts after
/// <paramref name="Last"/>, the arrival time of the page's last row (null: the page was empty).
/// </summary>
public sealed record InboundPage(int Deleted, int Read, DateTime? Last);
