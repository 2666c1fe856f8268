using System.Globalization;
using System.Text.Json;
using System.Xml;
using Multiconnect.Contracts.Messaging;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// A message's <c>ttl</c> (WA-API.md §3.1): how long it may wait to be sent before it expires, written as
/// the original takes it: an ISO 8601 duration (<c>"P4D"</c>, <c>"PT30M"</c>), or whole seconds as a
/// string (<c>"86400"</c>) or a number (<c>86400</c>). From 1 second to 30 days (our bounds; the original's
/// are not documented). A template or hsm without one has the original's 7 days; any other type, none.
/// </summary>
public static class MessageTtl
{
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);
    public static readonly TimeSpan TemplateDefault = TimeSpan.FromDays(7);

    /// <summary>The ttl in whole seconds, or null and why <paramref name="ttl"/> is not one.</summary>
    public static int? Seconds(JsonElement ttl, out string? problem)
    {
        problem = null;
        TimeSpan? value = ttl.ValueKind switch
        {
            JsonValueKind.Number => ttl.TryGetInt64(out var n) ? Clamp(n) : null,
            JsonValueKind.String when ttl.GetString() is { } text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Clamp(n) : Duration(text),
            _ => null,
        };
        if (value is not { } span || span.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problem = "must be whole seconds (86400 or \"86400\") or an ISO 8601 duration (\"P4D\", \"PT30M\")";
            return null;
        }

        if (span < Min || span > Max)
        {
            problem = "must be from 1 second to 30 days";
            return null;
        }

        return (int)span.TotalSeconds;
    }

    /// <summary>The ttl a message of <paramref name="type"/> has when it gives none.</summary>
    public static int? Default(string type) => type is MessageTypes.Template or MessageTypes.Hsm ? (int)TemplateDefault.TotalSeconds : null;

    /// <summary>Seconds as a span, kept within a range that cannot overflow; the bounds are checked after.</summary>
    private static TimeSpan Clamp(long seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds, -1, (long)Max.TotalSeconds + 1));

    private static TimeSpan? Duration(string text)
    {
        if (!text.StartsWith('P') && !text.StartsWith("-P", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }
}
