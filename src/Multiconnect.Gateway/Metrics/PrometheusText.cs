using System.Globalization;
using System.Text;

namespace Multiconnect.Gateway.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): for each metric family a
/// <c># HELP</c> and <c># TYPE</c> line, then its samples, label values escaped.
/// </summary>
public sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();

    public PrometheusText Family(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').AppendJoin(',', labels.Select(label => $"{label.Name}=\"{EscapeLabel(label.Value)}\"")).Append('}');
        }

        _text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string EscapeLabel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
