namespace Multiconnect.Contracts.Grains;

/// <summary>
/// The message log refused this message for what it holds (a value the database cannot store). Only
/// this message fails: the others of its group commit are written without it.
/// </summary>
[GenerateSerializer]
public sealed class MessageRefusedException : Exception
{
    public MessageRefusedException()
    {
    }

    public MessageRefusedException(string message)
        : base(message)
    {
    }

    public MessageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
