namespace Multiconnect.Testing;

/// <summary>
/// The counterpart of <see cref="Eventually"/> for things that must not happen: checks a condition
/// over and over for a stated time and fails as soon as it breaks.
/// </summary>
public static class Consistently
{
    public static async Task True(Func<Task<bool>> probe, string what, TimeSpan during)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var until = DateTime.UtcNow + during;
        do
        {
            if (!await probe())
            {
                throw new InvalidOperationException($"Expected {what} for {during.TotalSeconds:0.#} s, but it stopped holding.");
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < until);
    }
}
