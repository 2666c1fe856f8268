using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests.Messages;

/// <summary><c>text</c>: <c>{"body"}</c>, 1 to 4,096 characters; longer is the original's 1001 "Message too long".</summary>
public sealed record TextContent(string? Body)
{
    public const int MaxBodyLength = 4096;

    public void Validate(RequestProblems problems, string path)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!problems.Required(Body, $"{path}.body"))
        {
            return;
        }

        if (Body.Length == 0)
        {
            problems.Invalid($"{path}.body", $"must be 1 to {MaxBodyLength} characters; got 0");
        }
        else if (Body.Length > MaxBodyLength)
        {
            problems.Add(ApiError.MessageTooLong($"{path}.body: must be at most {MaxBodyLength} characters; got {Body.Length}"));
        }
    }
}
