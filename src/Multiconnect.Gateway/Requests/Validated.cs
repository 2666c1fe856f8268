using System.Diagnostics.CodeAnalysis;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>A request that passed validation, or the error saying everything that was wrong with it.</summary>
public sealed record Validated<T>(T? Value, ApiError? Error) where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    public static implicit operator Validated<T>(T value) => new(value, null);

    public static implicit operator Validated<T>(ApiError error) => new(null, error);
}
