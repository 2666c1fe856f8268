namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/messages, for the OpenAPI document.</summary>
public sealed record SendMessageBody(string RecipientType, string To, string Type, TextBody Text, bool? PreviewUrl);
