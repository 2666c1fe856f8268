using System.Text.Json.Serialization;

namespace Multiconnect.Gateway.Apis;

public sealed record VerifiedName([property: JsonPropertyName("vname")] string VName);
