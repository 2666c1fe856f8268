namespace Multiconnect.Gateway.Apis;

/// <summary>The documented shape of POST /v1/messages, for the OpenAPI document (fields with a default are optional).</summary>
public sealed record SendMessageBody(string To, TextBody Text, string RecipientType = "individual", string Type = "text", bool? PreviewUrl = null);
