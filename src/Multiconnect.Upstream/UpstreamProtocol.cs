using Multiconnect.Contracts.Grains;

namespace Multiconnect.Upstream;

/// <summary>Constants of the upstream protocol; docs/upstream-protocol.md describes it in full.</summary>
public static class UpstreamProtocol
{
    /// <summary>The protocol version this library speaks; a hello carries it in <c>v</c>.</summary>
    public const int Version = 1;

    /// <summary>The WebSocket endpoint's path.</summary>
    public const string Path = "/v1/upstream";

    /// <summary>Where a business account is checked with a certificate (HTTP POST, JSON): <see cref="AccountCheckRequest"/> → <see cref="AccountCheckResponse"/>.</summary>
    public const string AccountCheckPath = "/v1/account/check";

    /// <summary>Where two-step verification is turned on (a new PIN) or off (no PIN), with the account's certificate: <see cref="AccountCheckRequest"/> → <see cref="AccountCheckResponse"/>.</summary>
    public const string TwoStepPath = "/v1/account/two-step";

    /// <summary>Where a registration code is requested for a number (HTTP POST, JSON): <see cref="AccountCodeRequest"/> → <see cref="AccountCheckResponse"/>, with the certificate's verified name.</summary>
    public const string AccountCodePath = "/v1/account/code";

    /// <summary>Where the code is given back, which registers the number (HTTP POST, JSON): <see cref="AccountVerifyRequest"/> → <see cref="AccountCheckResponse"/>.</summary>
    public const string AccountVerifyPath = "/v1/account/verify";

    /// <summary>
    /// Where the servers keep media files (HTTP, docs/upstream-protocol.md "Media"): <c>PUT</c>, <c>HEAD</c> and
    /// <c>GET {MediaPath}/{cc}/{phone}/{id}</c>, with the number's certificate in <see cref="CertificateHeader"/>.
    /// </summary>
    public const string MediaPath = "/v1/media";

    /// <summary>The request header that carries the base64 verified-name certificate of the number a media request names.</summary>
    public const string CertificateHeader = "X-Certificate";

    /// <summary>Largest media file the servers take, in bytes: the original's upload cap of 100 MB.</summary>
    public const long MaxMediaBytes = 100L * 1024 * 1024;

    /// <summary>Where the certificate authority publishes its public key.</summary>
    public const string CaPath = "/v1/ca";

    /// <summary>Largest WebSocket message either side accepts, in bytes.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    /// <summary>Frames are separated by this byte inside one WebSocket text message.</summary>
    public const byte FrameSeparator = (byte)'\n';

    /// <summary>
    /// Longest message body the server accepts, in characters: what the gateway accepts
    /// (<see cref="MessageToSend.MaxBodyLength"/>), far above a text's 4,096 so that a template, a list or a
    /// few contact cards fit as JSON (a longer one is answered with <c>nack</c> <c>invalid</c>). Even escaped,
    /// a send of that size stays far below <see cref="MaxMessageBytes"/>.
    /// </summary>
    public const int MaxBodyLength = MessageToSend.MaxBodyLength;

    /// <summary>Longest message id accepted, in characters.</summary>
    public const int MaxIdLength = 128;
}
