namespace Multiconnect.Simulator.Admin;

/// <summary>One registration code sent to a number: the digits, <c>sms</c> or <c>voice</c>, and when (Unix seconds).</summary>
public sealed record SentCodeResponse(string Code, string Method, long SentAt);
