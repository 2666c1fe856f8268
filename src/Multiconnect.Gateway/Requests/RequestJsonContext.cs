using System.Text.Json.Serialization;
using Multiconnect.Gateway.Requests.Messages;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// Every request body, deserialized by source-generated code: the API's snake_case names, and a field the
/// record does not have is an error (<see cref="RequestShape"/> names them all first), so that a field we do not act on never
/// looks accepted. Writing (a message's content, carried upstream) leaves out what was not given.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoginBody))]
[JsonSerializable(typeof(CreateUserBody))]
[JsonSerializable(typeof(UpdateUserBody))]
[JsonSerializable(typeof(RegisterBody))]
[JsonSerializable(typeof(VerifyBody))]
[JsonSerializable(typeof(ShardChangeBody))]
[JsonSerializable(typeof(TwoStepBody))]
[JsonSerializable(typeof(ContactsBody))]
[JsonSerializable(typeof(ApplicationSettingsPatchBody))]
[JsonSerializable(typeof(MarkReadBody))]
[JsonSerializable(typeof(SendMessageBody))]
public sealed partial class RequestJsonContext : JsonSerializerContext;
