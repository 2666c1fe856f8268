using System.Diagnostics;

namespace Multiconnect.Harness;

/// <summary>Runs a command to its end: exit code, standard output, standard error.</summary>
public static class ProcessRun
{
    /// <summary>
    /// Starts <paramref name="start"/> with its output captured and waits for it. One that is still
    /// running after <paramref name="limit"/> is killed with its children, and what it wrote so far
    /// goes with the <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> ToEndAsync(ProcessStartInfo start, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} did not end within {limit}:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
