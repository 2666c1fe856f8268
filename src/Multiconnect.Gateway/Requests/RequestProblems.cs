using System.Diagnostics.CodeAnalysis;
using Multiconnect.Gateway.Errors;

namespace Multiconnect.Gateway.Requests;

/// <summary>What is missing or wrong in a request, each problem named by its JSON path, so that one answer lists them all.</summary>
public sealed class RequestProblems
{
    private readonly List<ApiError> _errors = [];

    public ApiError? Error => _errors.Count == 0 ? null : _errors.Skip(1).Aggregate(_errors[0], (all, next) => all.Plus(next));

    public void Missing(string path) => _errors.Add(ApiError.Missing(path));

    public void Invalid(string path, string details) => _errors.Add(ApiError.Invalid(path, details));

    /// <summary>A problem with a code of its own (the original's "Message too long", say).</summary>
    public void Add(ApiError error) => _errors.Add(error);

    /// <summary>True when <paramref name="value"/> is there; otherwise reports <paramref name="path"/> as missing.</summary>
    public bool Required([NotNullWhen(true)] object? value, string path)
    {
        if (value is null)
        {
            Missing(path);
        }

        return value is not null;
    }

    /// <summary>A required string of <paramref name="min"/> to <paramref name="max"/> characters; true when it is one.</summary>
    public bool Text([NotNullWhen(true)] string? value, string path, int min, int max)
    {
        if (!Required(value, path))
        {
            return false;
        }

        return Length(value, path, min, max);
    }

    /// <summary>An optional string of at most <paramref name="max"/> characters (absent or empty is fine).</summary>
    public void OptionalText(string? value, string path, int max)
    {
        if (value is not null)
        {
            Length(value, path, 0, max);
        }
    }

    /// <summary>An optional array of <paramref name="min"/> to <paramref name="max"/> items; true when it is there and within them.</summary>
    public bool Count<T>([NotNullWhen(true)] IReadOnlyList<T>? items, string path, int min, int max)
    {
        if (items is null)
        {
            return false;
        }

        if (items.Count < min || items.Count > max)
        {
            Invalid(path, $"must hold {min} to {max} items; got {items.Count}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// An optional array of <paramref name="min"/> to <paramref name="max"/> items, each required and
    /// validated by <paramref name="validate"/> at its path (<c>name[i]</c>); true when it is there and within them.
    /// </summary>
    public bool Each<T>([NotNullWhen(true)] IReadOnlyList<T?>? items, string path, int min, int max, Action<T, string> validate) where T : class
    {
        ArgumentNullException.ThrowIfNull(validate);
        if (!Count(items, path, min, max))
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (Required(items[i], at))
            {
                validate(items[i]!, at);
            }
        }

        return true;
    }

    private bool Length(string value, string path, int min, int max)
    {
        if (value.Length >= min && value.Length <= max)
        {
            return true;
        }

        Invalid(path, min == max ? $"must be {max} characters; got {value.Length}" : $"must be {min} to {max} characters; got {value.Length}");
        return false;
    }
}
