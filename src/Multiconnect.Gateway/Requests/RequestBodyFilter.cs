namespace Multiconnect.Gateway.Requests;

/// <summary>Answers a request whose body was refused with that body's error, before the handler runs.</summary>
public sealed class RequestBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var argument in context.Arguments)
        {
            if (argument is IBoundRequestBody { Refusal: { } error })
            {
                return ValueTask.FromResult<object?>(error);
            }
        }

        return next(context);
    }
}
