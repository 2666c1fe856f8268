using System.Text.Json.Serialization;

namespace Multiconnect.Upstream.Certificates;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(VerifiedNameCertificate))]
[JsonSerializable(typeof(CertificateEnvelope))]
internal sealed partial class CertificateJsonContext : JsonSerializerContext;
