using System.Text.Json;
using System.Text.Json.Serialization;

namespace Multiconnect.Upstream.Frames;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(UpstreamFrame))]
internal sealed partial class UpstreamJsonContext : JsonSerializerContext;
