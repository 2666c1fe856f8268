using System.Diagnostics.CodeAnalysis;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>
/// An endpoint's request body, bound by minimal APIs through <see cref="BindAsync"/> (read, deserialize,
/// validate: <see cref="JsonRequestBody"/>). A body that failed never reaches the handler:
/// <see cref="RequestBodyFilter"/> answers its <see cref="IBoundRequestBody.Refusal"/> first, so handlers read <see cref="Value"/>.
/// </summary>
public sealed class RequestBody<T> : IBoundRequestBody where T : class, IRequestBody<T>
{
    private readonly T? _value;

    private RequestBody(Validated<T> read) => (_value, Refusal) = (read.Value, read.Error);

    public T Value => _value ?? throw new InvalidOperationException($"The request body was refused ({Refusal}); RequestBodyFilter answers it before the handler runs.");

    public ApiError? Refusal { get; }

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Minimal APIs bind a parameter through its own type's static BindAsync.")]
    public static async ValueTask<RequestBody<T>> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RequestBody<T>(await JsonRequestBody.ReadAsync<T>(context.Request));
    }
}
