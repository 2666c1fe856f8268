using Microsoft.Extensions.Options;

namespace Multiconnect.CoreApp.Webhooks;

/// <summary>Checks <see cref="WebhookOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        Check(options.BatchSize is >= 1 and <= 1000, "BatchSize must be between 1 and 1000.");
        Check(Within(options.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1)), "PollInterval must be between 10 ms and 1 minute.");
        Check(Within(options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)), "RequestTimeout must be between 100 ms and 5 minutes.");
        Check(Within(options.StandbyInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)), "StandbyInterval must be between 100 ms and 1 minute.");
        Check(Within(options.HolderTimeout, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10)), "HolderTimeout must be between 2 s and 10 minutes.");
        Check(options.DeliveredRetention >= TimeSpan.FromMinutes(1), "DeliveredRetention must be at least 1 minute.");
        Check(options.MaxPendingAge >= TimeSpan.FromMinutes(1), "MaxPendingAge must be at least 1 minute.");
        Check(options.MaxPendingCallbacks >= 100, "MaxPendingCallbacks must be at least 100.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add($"{WebhookOptions.Section}:{problem}");
            }
        }
    }

    private static bool Within(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;
}
