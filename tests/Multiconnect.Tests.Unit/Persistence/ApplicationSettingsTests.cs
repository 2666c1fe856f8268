using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Persistence;

public sealed class ApplicationSettingsTests
{
    [Fact]
    public void The_back_off_grows_by_one_step_per_failure_up_to_the_cap_as_in_the_original()
    {
        var settings = ApplicationSettings.Default with { CallbackBackoffDelayMs = 3000, MaxCallbackBackoffDelayMs = 10_000 };

        Assert.Equal(
            [3, 6, 9, 10, 10],
            new[] { 1, 2, 3, 4, 1000 }.Select(failures => settings.BackoffAfter(failures).TotalSeconds));
    }

    [Fact]
    public void The_default_back_off_is_3_s_per_failure_up_to_15_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), ApplicationSettings.Default.BackoffAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(15), ApplicationSettings.Default.BackoffAfter(int.MaxValue));
    }

    [Fact]
    public void A_patch_changes_only_what_it_names()
    {
        var current = ApplicationSettings.Default with { WebhookUrl = new Uri("https://hooks.example.com/"), MaxConcurrentRequests = 12 };

        var patched = new ApplicationSettingsPatch(CallbackBackoffDelayMs: 500, ReadStatus: false).ApplyTo(current);

        Assert.Equal(current with { CallbackBackoffDelayMs = 500, ReadStatus = false }, patched);
    }
}
