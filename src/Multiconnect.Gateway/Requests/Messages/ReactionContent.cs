using System.Globalization;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary>
/// <c>reaction</c>: <c>{"message_id","emoji"}</c>, one emoji (one grapheme), or "" to take a reaction back.
/// The On-Premises reference does not document reactions (the Cloud API's shape: docs/api.md).
/// </summary>
public sealed record ReactionContent(string? MessageId, string? Emoji)
{
    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        problems.Text(MessageId, $"{path}.message_id", 1, 128);
        if (problems.Required(Emoji, $"{path}.emoji") && (Emoji.Length > 32 || new StringInfo(Emoji).LengthInTextElements > 1))
        {
            problems.Invalid($"{path}.emoji", "must be one emoji, or \"\" to remove the reaction");
        }
    }
}
