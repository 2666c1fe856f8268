using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>A bound <see cref="RequestBody{T}"/> of any type, as <see cref="RequestBodyFilter"/> sees the handler's arguments: its refusal, when it was refused.</summary>
public interface IBoundRequestBody
{
    ApiError? Refusal { get; }
}
