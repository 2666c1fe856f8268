using System.Diagnostics.CodeAnalysis;

namespace Multiconnect.Contracts.Routing;

/// <summary>
/// A WhatsApp id in canonical form: the digits of an international phone number, nothing else.
/// "+1 (631) 555-1234" and "16315551234" are the same recipient.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RecipientId
{
    public const int MinDigits = 6;
    public const int MaxDigits = 15; // E.164

    [Id(0)]
    public string Value { get; }

    private RecipientId(string value) => Value = value;

    /// <summary>
    /// Accepts digits with an optional leading '+' and the separators people write in phone
    /// numbers (space, '-', '.', parentheses). Anything else, or a digit count outside
    /// 6–15, or a leading zero, is not a phone-like id.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RecipientId? recipient, out string? problem)
    {
        recipient = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is empty";
            return false;
        }

        var trimmed = text.Trim();
        Span<char> digits = stackalloc char[Math.Min(trimmed.Length, 64)];
        var count = 0;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits)
                {
                    problem = $"has more than {MaxDigits} digits";
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }
            else
            {
                problem = $"contains '{c}', which is not part of a phone number";
                return false;
            }
        }

        if (count < MinDigits)
        {
            problem = $"has fewer than {MinDigits} digits";
            return false;
        }

        if (digits[0] == '0')
        {
            problem = "starts with 0; give the number with its country code";
            return false;
        }

        recipient = new RecipientId(new string(digits[..count]));
        return true;
    }

    public static RecipientId Parse(string text) =>
        TryParse(text, out var recipient, out var problem)
            ? recipient
            : throw new FormatException($"'{text}' is not a recipient id: it {problem}.");

    public override string ToString() => Value;
}
