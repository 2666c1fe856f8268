namespace Multiconnect.Gateway.Requests;

public static class RequestBodyEndpoints
{
    /// <summary>
    /// The endpoint takes <typeparamref name="T"/> as its JSON body: the OpenAPI document describes it by the
    /// record itself, and <see cref="RequestBodyFilter"/> answers a refused body before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder WithRequestBody<T>(this RouteHandlerBuilder endpoint) where T : class, IRequestBody<T>
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Accepts<T>(isOptional: T.WhenAbsent is not null, JsonRequestBody.ContentType).AddEndpointFilter<RequestBodyFilter>();
    }
}
