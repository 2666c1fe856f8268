using Microsoft.AspNetCore.Http.HttpResults;
using Multiconnect.Gateway.Auth;
using Multiconnect.Gateway.Errors;
using Multiconnect.Gateway.Requests;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Apis;

public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/v1/settings").RequireAuthorization(AuthSchemes.AdminPolicy); // the admin's, as in the original
        settings.MapGet("/application", GetApplicationSettingsAsync).WithName("GetApplicationSettings")
            .WithSummary("Where callbacks (statuses and inbound messages) are POSTed, which statuses go, and how a failing webhook is retried.");
        settings.MapPatch("/application", PatchApplicationSettingsAsync).WithName("PatchApplicationSettings")
            .WithRequestBody<ApplicationSettingsPatchBody>()
            .WithSummary("Changes the fields given (docs/webhooks.md, \"Application settings\"); the dispatcher applies them at once.");
        settings.MapDelete("/application", ResetApplicationSettingsAsync).WithName("ResetApplicationSettings")
            .WithSummary("Puts every application setting back to its default (no webhook URL: callbacks wait).");
        return app;
    }

    public static async Task<Ok<SettingsResponse>> GetApplicationSettingsAsync(IWebhookStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TypedResults.Ok(SettingsResponse.Of(await store.GetSettingsAsync(cancellationToken)));
    }

    public static async Task<Ok<SettingsResponse>> ResetApplicationSettingsAsync(IWebhookStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return TypedResults.Ok(SettingsResponse.Of(await store.ResetSettingsAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<SettingsResponse>, ApiError>> PatchApplicationSettingsAsync(
        RequestBody<ApplicationSettingsPatchBody> patch, IWebhookStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(store);
        return TypedResults.Ok(SettingsResponse.Of(await store.UpdateSettingsAsync(patch.Value.ToPatch(), cancellationToken)));
    }
}
