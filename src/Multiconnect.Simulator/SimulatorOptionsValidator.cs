using Microsoft.Extensions.Options;
using Multiconnect.Contracts.Messaging;
using Multiconnect.Upstream;

namespace Multiconnect.Simulator;

/// <summary>Checks the whole configuration at start-up and names every setting that is wrong.</summary>
public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = SimulatorOptions.Section;
        List<string> problems = [];
        if (options.AdminToken is not { Length: >= SimulatorOptions.MinimumAdminTokenLength })
        {
            problems.Add($"No admin token is configured, or it is shorter than {SimulatorOptions.MinimumAdminTokenLength} characters: set " +
                $"{SimulatorOptions.AdminTokenVariable} (or {section}:AdminToken), e.g. to the output of `openssl rand -hex 32`. There is no default token.");
        }

        if (string.IsNullOrWhiteSpace(options.CaKeyPath))
        {
            problems.Add($"{section}:CaKeyPath must name a file.");
        }

        if (options.SessionMessagesPerSecond < 0)
        {
            problems.Add($"{section}:SessionMessagesPerSecond must be 0 (no cap) or more.");
        }

        if (options.HelloTimeout <= TimeSpan.Zero || options.KeepAliveInterval <= TimeSpan.Zero)
        {
            problems.Add($"{section}:HelloTimeout and KeepAliveInterval must be positive.");
        }

        if (options.KeepAliveTimeout is { } keepAliveTimeout && keepAliveTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:KeepAliveTimeout must be positive when set.");
        }

        if (options.MaxQueuedFrames < 1)
        {
            problems.Add($"{section}:MaxQueuedFrames must be at least 1.");
        }

        if (options.MediaCapacityBytes < UpstreamProtocol.MaxMediaBytes)
        {
            problems.Add($"{section}:MediaCapacityBytes must be at least {UpstreamProtocol.MaxMediaBytes} (the largest file).");
        }

        var receipts = options.Receipts;
        if (receipts.SentDelay < TimeSpan.Zero || receipts.DeliveredDelay < receipts.SentDelay || receipts.ReadDelay < receipts.DeliveredDelay)
        {
            problems.Add($"{section}:Receipts delays must satisfy 0 <= SentDelay <= DeliveredDelay <= ReadDelay.");
        }

        if (!IsRatio(receipts.DeliveredRatio) || !IsRatio(receipts.ReadRatio) || !IsRatio(receipts.FailedRatio))
        {
            problems.Add($"{section}:Receipts ratios must lie between 0 and 1.");
        }

        var inbound = options.Inbound;
        if (!(inbound.MessagesPerSecond >= 0) || inbound.Users is < 1 or > 100_000 || inbound.RedeliverAfter <= TimeSpan.Zero)
        {
            problems.Add($"{section}:Inbound needs MessagesPerSecond >= 0, Users between 1 and 100000, and a positive RedeliverAfter.");
        }

        if (inbound.UserPrefix is not { Length: >= 1 and <= 10 } || !inbound.UserPrefix.All(char.IsAsciiDigit) || inbound.UserPrefix[0] == '0')
        {
            problems.Add($"{section}:Inbound:UserPrefix must be 1 to 10 digits, not starting with 0.");
        }

        if (inbound.Types.FirstOrDefault(type => !MessageTypes.Inbound.Contains(type)) is { } unknown)
        {
            problems.Add($"{section}:Inbound:Types: '{unknown}' is not a type users write (one of {string.Join(", ", MessageTypes.Inbound.Order(StringComparer.Ordinal))}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsRatio(double value) => value is >= 0 and <= 1;
}
