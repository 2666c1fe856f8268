using Multiconnect.Contracts.Routing;

namespace Multiconnect.Simulator.Numbers;

/// <summary>A business phone number as hellos and certificates carry it: the gateway's rule (<see cref="BusinessPhone"/>), worded for one message.</summary>
public static class PhoneNumber
{
    /// <summary>What is wrong with the pair, or null when it is a phone number.</summary>
    public static string? Problem(string? cc, string? phone) =>
        BusinessPhone.CcProblem(cc) is { } ccProblem ? $"cc {ccProblem}, not '{cc}'"
        : BusinessPhone.NumberProblem(cc, phone) is { } phoneProblem ? $"phone {phoneProblem} ('{phone}')"
        : null;
}
