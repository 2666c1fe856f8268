namespace Multiconnect.Persistence;

/// <summary>The callback a conversation stopped at: <paramref name="Failures"/> counts this attempt.</summary>
public sealed record DeliveryFailure(long Seq, int Failures, string Error);
