namespace Multiconnect.Contracts.Routing;

/// <summary>The account's two-step verification PIN: six digits, as the original has it.</summary>
public static class TwoStepPin
{
    public const int Length = 6;

    public static bool IsValid(string pin) => pin is { Length: Length } && pin.All(char.IsAsciiDigit);
}
