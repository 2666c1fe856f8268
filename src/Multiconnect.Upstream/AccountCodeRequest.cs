namespace Multiconnect.Upstream;

/// <summary>
/// A request for a registration code: the account is checked as by <see cref="AccountCheckRequest"/>
/// (certificate, and PIN when two-step is on), then a code is sent to the number by <see cref="Method"/>,
/// <c>sms</c> or <c>voice</c>.
/// </summary>
public sealed record AccountCodeRequest(string Cc, string Phone, string? Cert, string? Pin, string Method);
