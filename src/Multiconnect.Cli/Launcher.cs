using System.Diagnostics;
using System.Globalization;
using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>What a managed process is doing now, read from /proc.</summary>
internal enum ProcessStatus
{
    Running,
    Stopped,
    Exited,
}

/// <summary>
/// Starts our programs as processes that outlive ./mc: each in its own session (setsid), so that a
/// Ctrl-C in the terminal reaches only ./mc, which then stops them in order; output appended to
/// its log under .multiconnect/logs/.
/// </summary>
internal static class Launcher
{
    public static ManagedProcess Start(ManagedProcess process, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            ArgumentList = { "-c", "log=$1; shift; exec setsid \"$@\" >>\"$log\" 2>&1 </dev/null", "sh", logFile, "dotnet", RepositoryPaths.ProgramDll(process.Program) },
        };
        foreach (var argument in process.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in process.Environment)
        {
            start.Environment[key] = value;
        }

        File.AppendAllText(logFile, $"--- {DateTimeOffset.Now:u} ./mc starts {process.Name}{Environment.NewLine}");
        using var started = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {process.Name}.");
        // sh execs setsid, which execs dotnet: the pid stays the same throughout.
        return process with { Pid = started.Id, StartTime = StartTimeOf(started.Id) ?? 0 };
    }

    public static ProcessStatus StatusOf(ManagedProcess process)
    {
        var stat = ReadStat(process.Pid);
        if (stat is null || StartTimeOf(stat) != process.StartTime)
        {
            return ProcessStatus.Exited; // gone, or its pid now belongs to another process
        }

        return StateOf(stat) switch
        {
            'T' or 't' => ProcessStatus.Stopped,
            'Z' or 'X' or 'x' => ProcessStatus.Exited,
            _ => ProcessStatus.Running,
        };
    }

    /// <summary>The process's resident memory in bytes (VmRSS in /proc/PID/status); null once it has exited.</summary>
    public static long? ResidentBytesOf(ManagedProcess process)
    {
        if (StatusOf(process) == ProcessStatus.Exited)
        {
            return null;
        }

        try
        {
            // "VmRSS:	  123456 kB"; kernel threads have no such line.
            var line = File.ReadLines($"/proc/{process.Pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // it exited between the two reads
        }
    }

    /// <summary>Sends KILL, STOP, CONT or TERM, as `kill -SIGNAL pid` does.</summary>
    public static void Signal(ManagedProcess process, string signal)
    {
        if (StatusOf(process) == ProcessStatus.Exited)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", process.Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGTERM (after SIGCONT, in case it is stopped), then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(ManagedProcess process, TimeSpan grace)
    {
        Signal(process, "TERM");
        Signal(process, "CONT");
        if (!await WaitForExitAsync(process, grace))
        {
            Signal(process, "KILL");
            await WaitForExitAsync(process, TimeSpan.FromSeconds(10));
        }
    }

    public static async Task<bool> WaitForExitAsync(ManagedProcess process, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (StatusOf(process) != ProcessStatus.Exited)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static string? ReadStat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? StartTimeOf(int pid) => ReadStat(pid) is { } stat ? StartTimeOf(stat) : null;

    // /proc/PID/stat: "pid (comm) state ppid …"; after the comm's closing parenthesis, field 3 is the
    // state and field 22 the start time (clock ticks since boot).
    private static char StateOf(string stat) => Fields(stat)[0][0];

    private static long StartTimeOf(string stat) => long.Parse(Fields(stat)[19], CultureInfo.InvariantCulture);

    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
}
