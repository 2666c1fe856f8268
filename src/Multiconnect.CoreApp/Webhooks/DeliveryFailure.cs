namespace Multiconnect.CoreApp.Webhooks;

/// <summary>The callback a conversation stopped at: <paramref name="Failures"/> counts this attempt.</summary>
internal sealed record DeliveryFailure(long Seq, int Failures, string Error);
