using System.ComponentModel;
using System.Diagnostics;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>Runs `kubectl kustomize`, the renderer operators use; .ci/run installs kubectl where it is missing.</summary>
public static class Kubectl
{
    /// <summary>Set to a kubectl binary to use it instead of the one on PATH.</summary>
    public const string PathVariable = "KUBECTL";

    public static string Kustomize(string directory)
    {
        var kubectl = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "kubectl";
        var start = new ProcessStartInfo(kubectl, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Cannot run '{kubectl}' ({e.Message}). The deployment tests render the overlays with `kubectl kustomize`: " +
                $"run .ci/run once (it installs kubectl), or set {PathVariable} to a kubectl binary.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill();
                throw new TimeoutException($"kubectl kustomize {directory} did not finish within a minute.");
            }

            return process.ExitCode == 0
                ? output.GetAwaiter().GetResult()
                : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {error.GetAwaiter().GetResult()}");
        }
    }
}
