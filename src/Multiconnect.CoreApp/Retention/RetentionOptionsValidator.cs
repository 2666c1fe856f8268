using Microsoft.Extensions.Options;

namespace Multiconnect.CoreApp.Retention;

/// <summary>Checks <see cref="RetentionOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        Check(options.SentMessages >= TimeSpan.FromMinutes(1), "SentMessages must be at least 1 minute.");
        Check(options.InboundMessages >= TimeSpan.FromMinutes(1), "InboundMessages must be at least 1 minute.");
        Check(options.FenceEvents >= TimeSpan.FromMinutes(1), "FenceEvents must be at least 1 minute.");
        Check(options.Media >= TimeSpan.FromMinutes(1), "Media must be at least 1 minute.");
        Check(options.BatchSize is >= 100 and <= 100_000, "BatchSize must be between 100 and 100000.");
        Check(options.Interval >= TimeSpan.FromMilliseconds(100) && options.Interval <= TimeSpan.FromMinutes(10), "Interval must be between 100 ms and 10 minutes.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add($"{RetentionOptions.Section}:{problem}");
            }
        }
    }
}
