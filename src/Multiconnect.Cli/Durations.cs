using System.Globalization;
using System.Text.RegularExpressions;

namespace Multiconnect.Cli;

/// <summary>Durations as a user types them: "30s", "2m", "1m30s", "1h", or plain seconds ("45").</summary>
internal static partial class Durations
{
    public static TimeSpan? Parse(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return plain > 0 ? TimeSpan.FromSeconds(plain) : null;
        }

        var match = Pattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        var total = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        return total > TimeSpan.Zero ? total : null;
    }

    /// <summary>The other way round, to whole seconds: "1h", "2m", "1m30s", "45s".</summary>
    public static string Format(TimeSpan duration)
    {
        var text = (duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h" : "") + (duration.Minutes > 0 ? $"{duration.Minutes}m" : "") + (duration.Seconds > 0 ? $"{duration.Seconds}s" : "");
        return text.Length > 0 ? text : "0s";
    }

    private static double Part(Match match, string unit) =>
        match.Groups[unit].Success ? double.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex Pattern();
}
