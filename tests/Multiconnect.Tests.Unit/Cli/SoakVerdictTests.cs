using Multiconnect.Cli;

namespace Multiconnect.Tests.Unit.Cli;

/// <summary>
/// `./mc soak`'s decisions on made-up samples: when a series keeps growing (the least-squares trend over
/// the window after settling, above 10 % of its mean), how a process started again is treated, and
/// when the throughput fell.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SoakVerdictTests
{
    private static readonly Verdict NothingLost = new(900_000, 500, 5, 20, new Dictionary<string, int>(), 900_000, 0, 0, 0, 0);

    [Fact]
    public void A_flat_series_with_noise_is_not_growing()
    {
        var samples = Run(1800, 30, t => 500 + (20 * Noise(t)));

        var database = SoakVerdict.GrowthOf(samples, TimeSpan.FromSeconds(900)).Single(g => g.Series == "database");

        Assert.NotNull(database.GrowthPercent);
        Assert.InRange(database.GrowthPercent.Value, -5, 5);
        Assert.False(database.Growing);
        Assert.Equal(900, database.FromS);
    }

    [Fact]
    public void A_steadily_growing_series_keeps_growing()
    {
        // 500 MB + 0.1 MB/s: 590 MB at the window's start, 680 at its end, 90 MB on a mean of 635.
        var samples = Run(1800, 30, t => 500 + (0.1 * t) + (10 * Noise(t)));

        var database = SoakVerdict.GrowthOf(samples, TimeSpan.FromSeconds(900)).Single(g => g.Series == "database");

        Assert.True(database.Growing);
        Assert.InRange(database.GrowthPercent!.Value, 12, 16);
        Assert.InRange(database.TrendMb!.Value, 85, 95);
    }

    [Fact]
    public void Slow_growth_below_a_tenth_of_the_mean_over_the_window_passes()
    {
        // 8 MB over 1,800 s: 4 MB over the 900 s window on a mean of 506.
        var samples = Run(1800, 30, t => 500 + (t / 225));

        var database = SoakVerdict.GrowthOf(samples, TimeSpan.FromSeconds(900)).Single(g => g.Series == "database");

        Assert.False(database.Growing);
        Assert.InRange(database.GrowthPercent!.Value, 0.5, 1.5);
    }

    [Fact]
    public void Growth_before_the_settle_period_ends_does_not_count()
    {
        // Tables fill until the retention periods start pruning, then stay as they are.
        var samples = Run(1800, 30, t => Math.Min(200 + (t / 3), 500) + (5 * Noise(t)));

        var growth = SoakVerdict.GrowthOf(samples, TimeSpan.FromSeconds(900));

        Assert.False(growth.Single(g => g.Series == "database").Growing);
        Assert.True(SoakVerdict.Of(NothingLost, samples, TimeSpan.FromSeconds(900)).Passed);
        Assert.True(SoakVerdict.GrowthOf(samples, TimeSpan.FromSeconds(300)).Single(g => g.Series == "database").Growing);
    }

    [Fact]
    public void A_process_started_again_begins_a_new_series_so_its_memory_reset_and_warm_up_are_no_growth()
    {
        // Killed at 1,000 s, back at 1,050 s with 90 MB, at its old 300 MB again by 1,200 s.
        static (int, double?) Killed(double t) => t switch
        {
            < 1000 => (1, 300),
            < 1050 => (1, null),
            < 1200 => (2, 90 + ((t - 1050) * 1.4)),
            _ => (2, 300),
        };
        static (int, double?) SamePid(double t) => (1, Killed(t).Item2);

        var growth = SoakVerdict.GrowthOf(Run(1800, 30, _ => 500, ("coreapp-1", Killed), ("coreapp-2", SamePid)), TimeSpan.FromSeconds(900));

        var lives = growth.Where(g => g.Series.StartsWith("coreapp-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(["coreapp-1 (pid 1)", "coreapp-1 (pid 2)"], lives.Select(g => g.Series));
        Assert.All(lives, life => Assert.False(life.Growing));
        // Neither life has half of the 900 s window after its settling: too short to judge.
        Assert.All(lives, life => Assert.Null(life.GrowthPercent));
        // The same values read as one series would be the reset and the climb back: growth.
        Assert.True(growth.Single(g => g.Series == "coreapp-2").Growing);
    }

    [Fact]
    public void A_process_started_again_that_leaks_is_judged_after_its_own_settle_period()
    {
        // Started again at 630 s and leaking 0.05 MB/s from then on; settle 600 s, window 3,000 s.
        static (int, double?) Leaking(double t) => t < 630 ? (1, 300) : (2, 100 + (0.05 * (t - 630)));
        static (int, double?) Flat(double t) => t < 630 ? (1, 300) : (2, 250 + (10 * Noise(t)));

        var growth = SoakVerdict.GrowthOf(Run(3600, 30, _ => 500, ("coreapp-1", Leaking), ("coreapp-2", Flat)), TimeSpan.FromSeconds(600));

        var leaking = growth.Single(g => g.Series == "coreapp-1 (pid 2)");
        Assert.True(leaking.Growing);
        Assert.Equal(1230, leaking.FromS);
        Assert.False(growth.Single(g => g.Series == "coreapp-2 (pid 2)").Growing);
        Assert.NotNull(growth.Single(g => g.Series == "coreapp-2 (pid 2)").GrowthPercent);
        Assert.Null(growth.Single(g => g.Series == "coreapp-1 (pid 1)").GrowthPercent);
    }

    [Fact]
    public void Any_series_that_keeps_growing_fails_the_soak_though_nothing_was_lost()
    {
        var samples = Run(1800, 30, _ => 500, ("gateway-1", t => (7, 200 + (t / 10))));

        var verdict = SoakVerdict.Of(NothingLost, samples, TimeSpan.FromSeconds(900));

        Assert.True(verdict.Audit.Passed);
        Assert.True(verdict.Throughput.Passed);
        Assert.False(verdict.Passed);
        Assert.True(verdict.Growth.Single(g => g.Series == "gateway-1").Growing);
    }

    [Fact]
    public void The_simulators_memory_is_measured_but_not_held_against_the_soak()
    {
        // It keeps every id it delivered, for the audit.
        var samples = Run(1800, 30, _ => 500, ("simulator", t => (3, 100 + (t / 10))));

        var verdict = SoakVerdict.Of(NothingLost, samples, TimeSpan.FromSeconds(900));

        var simulator = verdict.Growth.Single(g => g.Series == "simulator");
        Assert.InRange(simulator.GrowthPercent!.Value, 30, 40);
        Assert.False(simulator.Growing);
        Assert.True(verdict.Passed);
    }

    [Fact]
    public void A_long_run_compares_its_first_and_last_five_minutes()
    {
        // 500 msg/s, then 440 over the last 5 minutes: 88 % of the first.
        var samples = Run(1800, 30, _ => 500, rate: t => t <= 1500 ? 500 : 440);

        var throughput = SoakVerdict.ThroughputOf(samples);

        Assert.Equal(300, throughput.FirstS);
        Assert.Equal(300, throughput.LastS);
        Assert.Equal(500, throughput.FirstMsgS);
        Assert.Equal(440, throughput.LastMsgS);
        Assert.False(throughput.Passed);
        Assert.False(SoakVerdict.Of(NothingLost, samples, TimeSpan.FromSeconds(900)).Passed);
    }

    [Fact]
    public void A_short_run_compares_its_first_and_last_fifths_on_sample_boundaries()
    {
        // 3 minutes, a sample every 15 s: a fifth is 36 s, stretched to the next sample, 45 s.
        var samples = Run(180, 15, _ => 50, rate: t => t <= 135 ? 300 : 285);

        var throughput = SoakVerdict.ThroughputOf(samples);

        Assert.Equal(45, throughput.FirstS);
        Assert.Equal(45, throughput.LastS);
        Assert.Equal(300, throughput.FirstMsgS);
        Assert.Equal(285, throughput.LastMsgS);
        Assert.True(throughput.Passed);
    }

    /// <summary>A deterministic wobble in [-1, 1].</summary>
    private static double Noise(double t) => Math.Sin(t * 0.37) * Math.Cos(t * 0.11);

    /// <summary>
    /// Samples every <paramref name="everyS"/> s from 0 to <paramref name="durationS"/>: the database size
    /// as given, each process's pid and memory as given, messages accepted at <paramref name="rate"/> (500 msg/s unless said).
    /// </summary>
    private static List<SoakSample> Run(
        double durationS, double everyS, Func<double, double> databaseMb, params (string Name, Func<double, (int Pid, double? Mb)> Memory)[] processes) =>
        Run(durationS, everyS, databaseMb, _ => 500, processes);

    private static List<SoakSample> Run(
        double durationS, double everyS, Func<double, double> databaseMb, Func<double, double> rate, params (string Name, Func<double, (int Pid, double? Mb)> Memory)[] processes)
    {
        var samples = new List<SoakSample>();
        var accepted = 0.0;
        for (var t = 0.0; t <= durationS; t += everyS)
        {
            var perSecond = t == 0 ? 0 : rate(t);
            accepted += perSecond * (t == 0 ? 0 : everyS);
            samples.Add(new SoakSample(t, (long)accepted, perSecond, 0, 0, databaseMb(t),
                [.. processes.Select(p => { var (pid, mb) = p.Memory(t); return new ProcessMemory(p.Name, p.Name.Split('-')[0], pid, mb); })]));
        }

        return samples;
    }
}
