using Microsoft.AspNetCore.Diagnostics;
using Multiconnect.Contracts.Grains;

namespace Multiconnect.Gateway.Errors;

/// <summary>The one place where failures that no endpoint answered itself become <see cref="ApiError"/>s.</summary>
public static partial class ApiErrorHandling
{
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var failed = context.Features.Get<IExceptionHandlerFeature>();
            var exception = failed?.Error;
            var forbiddenWhenUnavailable = failed?.Endpoint?.Metadata.GetMetadata<UnavailableIsForbidden>() is not null;
            var error = exception switch
            {
                // Kestrel's own refusals: body too large, body cut short, and the like.
                BadHttpRequestException bad => ApiError.ForStatus(bad.StatusCode, context.Request.Method, context.Request.Path),
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
                // The cluster cannot be reached or did not answer in time: a retry may succeed.
                ShardOverloadedException => new ApiError(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.SystemOverloaded, "System overloaded", "This shard holds too many undelivered messages; retry later"),
                ShardMovedException => new ApiError(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.NotPrimaryCoreApp, "Not primary CoreApp", "The shard count is changing; retry shortly"),
                ShardMapUnavailableException unavailable => ApiError.TemporarilyUnavailable(unavailable.Message),
                MessageRefusedException refused => ApiError.BadRequest($"The message cannot be stored: {refused.Message}"),
                // The WhatsApp servers' verdict on the account (docs/account.md).
                AccountRefusedException { Refusal: AccountRefusal.PinRequired } pin => new ApiError(StatusCodes.Status400BadRequest, ApiErrorCodes.RequiredParameterMissing, "Required parameter is missing", $"pin: {pin.Message}"),
                AccountRefusedException { Refusal: AccountRefusal.PinWrong } pin => ApiError.Invalid("pin", pin.Message),
                AccountRefusedException { Refusal: AccountRefusal.PinLocked } pin => new ApiError(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyRequests, "Too many requests", $"pin: {pin.Message}"),
                AccountRefusedException { Refusal: AccountRefusal.CodeWrong } code => ApiError.Invalid("code", code.Message),
                AccountRefusedException { Refusal: AccountRefusal.NotRegistered } number => ApiError.Invalid("phone_number", number.Message),
                AccountRefusedException { Standing: AccountRefusal.Unregistered } unregistered => ApiError.BadRequest(unregistered.Message),
                AccountRefusedException { Standing: UpstreamStatus.Blocked } blocked => ApiError.AccountLocked($"The WhatsApp servers blocked the account: {blocked.Message}"),
                AccountRefusedException { Standing: UpstreamStatus.LoggedOut } foreign => ApiError.Invalid("cert", $"{foreign.Message}; the account is logged out until this call is made with the number's own certificate"),
                AccountRefusedException refused => ApiError.Invalid("cert", refused.Message),
                AccountNotActiveException { Standing: UpstreamStatus.Blocked } blocked => ApiError.AccountLocked(blocked.Message),
                AccountNotActiveException loggedOut => ApiError.Forbidden(loggedOut.Message),
                StorageUnavailableException or Npgsql.NpgsqlException when forbiddenWhenUnavailable =>
                    ApiError.TemporarilyUnavailable("The database cannot serve this request now; nothing has changed. Retry."),
                StorageUnavailableException or Npgsql.NpgsqlException => ApiError.ServiceNotReady("The database cannot serve this request now; retry later"),
                ShardFencedException => new ApiError(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.NotPrimaryCoreApp, "Not primary CoreApp", "The shard is moving to another CoreApp; retry shortly"),
                SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                    ApiError.ServiceNotReady("The cluster cannot serve this request now; retry later"),
                _ => ApiError.ForStatus(StatusCodes.Status500InternalServerError, context.Request.Method, context.Request.Path),
            };
            if (error is not null)
            {
                await error.ExecuteAsync(context);
            }
        }));
        app.UseStatusCodePages(context =>
            ApiError.ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext.Request.Method, context.HttpContext.Request.Path)
                .ExecuteAsync(context.HttpContext));
        return app;
    }
}
