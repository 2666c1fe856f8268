namespace Multiconnect.Persistence;

/// <summary>
/// A change of the application settings, every field optional: <see cref="SetsWebhookUrl"/> says
/// whether the URL changes, to <see cref="WebhookUrl"/>, or removed when that is null.
/// </summary>
public sealed record ApplicationSettingsPatch(bool SetsWebhookUrl, Uri? WebhookUrl, bool? SentStatus)
{
    /// <summary>The settings with this patch applied.</summary>
    public ApplicationSettings ApplyTo(ApplicationSettings current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new(SetsWebhookUrl ? WebhookUrl : current.WebhookUrl, SentStatus ?? current.SentStatus);
    }
}
