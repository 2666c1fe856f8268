using System.Text.Json.Serialization.Metadata;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// A request body: one record, read once by System.Text.Json's source generator (<see cref="RequestJsonContext"/>),
/// described by the same record in the OpenAPI document, and validated beside its fields. An endpoint takes it as
/// <see cref="RequestBody{T}"/>; the endpoint's <see cref="RequestBodyFilter"/> answers the errors before the handler runs.
/// </summary>
public interface IRequestBody<TSelf> where TSelf : class, IRequestBody<TSelf>
{
    static abstract JsonTypeInfo<TSelf> JsonTypeInfo { get; }

    /// <summary>The body a request without one stands for; null when a body is required.</summary>
    static virtual TSelf? WhenAbsent => null;

    /// <summary>Reports every missing or wrong field, each named by its JSON path.</summary>
    void Validate(RequestProblems problems);
}
