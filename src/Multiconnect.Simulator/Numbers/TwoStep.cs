using Multiconnect.Upstream;

namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// An account's two-step verification as the servers keep it: the PIN, and the wrong PINs given in a
/// row. After <see cref="MaxWrongPins"/> of them, checks are refused for <see cref="LockFor"/>, even with
/// the right PIN. Turning it off needs no PIN (the original resets a forgotten PIN that way).
/// </summary>
public sealed class TwoStep
{
    public const int MaxWrongPins = 5;

    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private string? _pin;
    private int _wrongInARow;
    private DateTimeOffset _lockedUntil;

    public bool IsOn
    {
        get
        {
            lock (_gate)
            {
                return _pin is not null;
            }
        }
    }

    /// <summary>Turns two-step on with <paramref name="pin"/>, or off when it is null; the count of wrong PINs starts again.</summary>
    public void Set(string? pin)
    {
        lock (_gate)
        {
            (_pin, _wrongInARow, _lockedUntil) = (pin, 0, default);
        }
    }

    /// <summary>Null when <paramref name="pin"/> may pass (two-step off, or the right PIN); otherwise the refusal and its detail.</summary>
    public (string Reason, string Detail)? Check(string? pin, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_pin is null)
            {
                return null;
            }

            if (now < _lockedUntil)
            {
                return (RefusalReasons.PinLocked, $"too many wrong PINs: checks are refused until {_lockedUntil:O}");
            }

            if (pin is null)
            {
                return (RefusalReasons.PinRequired, "two-step verification is on: the PIN is required");
            }

            if (pin == _pin)
            {
                _wrongInARow = 0;
                return null;
            }

            if (++_wrongInARow < MaxWrongPins)
            {
                return (RefusalReasons.PinWrong, $"not the account's PIN; {MaxWrongPins - _wrongInARow} more wrong PIN(s) lock checks for {LockFor.TotalMinutes:0} minutes");
            }

            (_wrongInARow, _lockedUntil) = (0, now + LockFor);
            return (RefusalReasons.PinLocked, $"{MaxWrongPins} wrong PINs in a row: checks are refused until {_lockedUntil:O}");
        }
    }
}
