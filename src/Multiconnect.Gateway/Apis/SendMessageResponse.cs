namespace Multiconnect.Gateway.Apis;

public sealed record SendMessageResponse(IReadOnlyList<MessageId> Messages) : ApiResponse;
