using System.Globalization;

namespace Multiconnect.Harness;

/// <summary>CPU time a process has used so far (user + system), from /proc: comparable across runs on a busy machine, unlike throughput.</summary>
public static class CpuTime
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>All processes of a user (e.g. postgres), added up.</summary>
    public static TimeSpan OfUser(string user)
    {
        var total = TimeSpan.Zero;
        foreach (var dir in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (File.ReadAllLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal)) is { } uid
                    && uid.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == UserId(user))
                {
                    total += Of(int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return total;
    }

    private static string UserId(string user) =>
        File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')).First(f => f[0] == user)[2];
}
