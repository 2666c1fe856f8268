using System.Globalization;
using System.Text.Json;

namespace Multiconnect.Cli;

/// <summary>
/// What `./mc soak` concludes: the simulator's audit of the load (as `./mc load` prints it), whether the
/// throughput held from the first period to the last, and whether a process's memory or the database
/// size keeps growing once the run has settled. The decisions are plain functions of the samples.
/// </summary>
/// <remarks>
/// Growth is judged per series: the database size, and each life of each process (a process started
/// again under a new pid, as chaos does, starts a new series: its memory resets, which is neither
/// growth nor shrinking). A series is judged only from <c>settle</c> after it began (the run's start,
/// or the restart), which leaves out warm-up and the time before the retention periods start pruning;
/// and only if what is left covers at least half of the run's judged window (<c>settle</c> to the end),
/// since a slope over a few samples of a short life says more about noise than about a trend. Its
/// least-squares slope, times the window's length, as a share of its mean over those samples, is its
/// growth: above <see cref="GrowthLimit"/> it keeps growing. A straight-line fit rather than last
/// against first, because one sample taken just after a garbage collection or a table's extension
/// would otherwise decide it; extrapolated over the whole window, so that series of different lengths
/// meet one bar. The simulator's memory is measured and shown but not held against the soak: it keeps
/// every id it delivered, for the audit, so it grows with the messages by design.
/// </remarks>
internal sealed record SoakVerdict(Verdict Audit, ThroughputCheck Throughput, IReadOnlyList<SeriesGrowth> Growth, IReadOnlyList<SoakSample> Samples)
{
    /// <summary>A series keeps growing when its trend adds more than this share of its mean over the judged window's length.</summary>
    public const double GrowthLimit = 0.10;

    /// <summary>The last period's throughput must be at least this share of the first's.</summary>
    public const double ThroughputFloor = 0.90;

    /// <summary>The periods whose throughputs are compared: the first and the last 5 minutes, or fifths of a run shorter than 25 minutes.</summary>
    public static readonly TimeSpan ThroughputPeriod = TimeSpan.FromMinutes(5);

    private const int MinimumPoints = 3;

    public bool Passed => Audit.Passed && Throughput.Passed && !Growth.Any(g => g.Growing);

    public static SoakVerdict Of(Verdict audit, IReadOnlyList<SoakSample> samples, TimeSpan settle) =>
        new(audit, ThroughputOf(samples), GrowthOf(samples, settle), samples);

    /// <summary>
    /// Messages accepted per second over the first period and over the last, both from the samples'
    /// cumulative counts, each period stretched to the nearest sample at or beyond its length.
    /// </summary>
    public static ThroughputCheck ThroughputOf(IReadOnlyList<SoakSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 2)
        {
            return new ThroughputCheck(0, 0, 0, 0);
        }

        var (start, end) = (samples[0], samples[^1]);
        var period = Math.Min(ThroughputPeriod.TotalSeconds, (end.ElapsedS - start.ElapsedS) / 5);
        var firstEnd = samples.First(s => s.ElapsedS - start.ElapsedS >= period - 1e-9);
        var lastStart = samples.Last(s => end.ElapsedS - s.ElapsedS >= period - 1e-9);
        return new ThroughputCheck(
            Math.Round(firstEnd.ElapsedS - start.ElapsedS, 1), RateBetween(start, firstEnd), Math.Round(end.ElapsedS - lastStart.ElapsedS, 1), RateBetween(lastStart, end));
    }

    /// <summary>Each series' growth over the judged window, or why it was not judged; the database first, then the processes in the order of the samples.</summary>
    public static IReadOnlyList<SeriesGrowth> GrowthOf(IReadOnlyList<SoakSample> samples, TimeSpan settle)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }

        var end = samples[^1].ElapsedS;
        var window = end - settle.TotalSeconds;
        return [.. Series(samples).Select(s => Judge(s, settle.TotalSeconds, end, window))];
    }

    public int Print(bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(this, Verdict.Json));
            return Passed ? 0 : 1;
        }

        Console.WriteLine();
        foreach (var line in Audit.Lines())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(
            $"throughput: first {Throughput.FirstS:0} s {Throughput.FirstMsgS:N0} msg/s, last {Throughput.LastS:0} s {Throughput.LastMsgS:N0} msg/s: " +
            $"{Throughput.Ratio:P1} of the first (at least {ThroughputFloor:P0}) {(Throughput.Passed ? "PASS" : "FAIL")}");
        var judged = Growth.Where(g => g.GrowthPercent is not null).ToList();
        Console.WriteLine(
            $"growth: least-squares trend over the window after settling ({Window(judged)}), as a share of the mean; fails above {GrowthLimit:P0}");
        foreach (var series in judged)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {series.Series,-24} {series.FromMb,9:N1} → {series.ToMb,9:N1} MB   trend {series.TrendMb,7:+0.0;-0.0} MB {series.GrowthPercent,6:+0.0;-0.0} %  {Judgement(series)}"));
        }

        var notJudged = Growth.Where(g => g.GrowthPercent is null).ToList();
        if (notJudged.Count > 0)
        {
            Console.WriteLine($"  not judged (too little of it after its settling): {string.Join(", ", notJudged.Select(g => g.Series))}");
        }

        Console.WriteLine(Passed ? "PASS" : "FAIL: " + string.Join("; ", Failures()));
        return Passed ? 0 : 1;
    }

    private IEnumerable<string> Failures()
    {
        if (!Audit.Passed)
        {
            yield return "the audit (lost, out of order, misrouted, or a shard that did not come back)";
        }

        if (!Throughput.Passed)
        {
            yield return $"the last period's throughput is {Throughput.Ratio:P1} of the first's";
        }

        foreach (var series in Growth.Where(g => g.Growing))
        {
            yield return $"{series.Series} keeps growing ({series.GrowthPercent:+0.0} %)";
        }
    }

    private static string Judgement(SeriesGrowth series) =>
        !series.Counts ? "not counted (keeps every delivered id for the audit)" : series.Growing ? "GROWING" : "flat";

    private static string Window(List<SeriesGrowth> judged) => judged.Count == 0
        ? "no series lasted long enough"
        : $"{judged.Min(g => g.FromS):0}–{judged.Max(g => g.ToS):0} s";

    private static double RateBetween(SoakSample from, SoakSample to) =>
        to.ElapsedS > from.ElapsedS ? Math.Round((to.Accepted - from.Accepted) / (to.ElapsedS - from.ElapsedS), 1) : 0;

    /// <summary>A series and when it began: 0 for the database and each process's first pid, the first sample of a later pid.</summary>
    private sealed record Measured(string Name, double BeganS, bool Counts, List<(double AtS, double Mb)> Points);

    private static IEnumerable<Measured> Series(IReadOnlyList<SoakSample> samples)
    {
        yield return new Measured("database", 0, true, [.. samples.Where(s => s.DatabaseMb is not null).Select(s => (s.ElapsedS, s.DatabaseMb!.Value))]);
        foreach (var (name, role) in samples.SelectMany(s => s.Processes).Select(p => (p.Name, p.Role)).Distinct())
        {
            var lives = new List<(int Pid, Measured Life)>();
            foreach (var sample in samples)
            {
                if (sample.Processes.FirstOrDefault(p => p.Name == name) is not { Mb: { } mb } process)
                {
                    continue;
                }

                if (lives.Count == 0 || lives[^1].Pid != process.Pid)
                {
                    lives.Add((process.Pid, new Measured($"{name} (pid {process.Pid})", lives.Count == 0 ? 0 : sample.ElapsedS, role != "simulator", [])));
                }

                lives[^1].Life.Points.Add((sample.ElapsedS, mb));
            }

            foreach (var (_, life) in lives)
            {
                yield return lives.Count == 1 ? life with { Name = name } : life;
            }
        }
    }

    private static SeriesGrowth Judge(Measured series, double settleS, double endS, double windowS)
    {
        var points = series.Points.Where(p => p.AtS >= series.BeganS + settleS - 1e-9).ToList();
        if (points.Count < MinimumPoints || windowS <= 0 || points[^1].AtS - points[0].AtS < windowS / 2)
        {
            var (from, to) = series.Points.Count == 0 ? (series.BeganS, endS) : (series.Points[0].AtS, series.Points[^1].AtS);
            return new SeriesGrowth(series.Name, from, to, points.Count, null, null, null, series.Counts);
        }

        var meanT = points.Average(p => p.AtS);
        var meanY = points.Average(p => p.Mb);
        var slope = points.Sum(p => (p.AtS - meanT) * (p.Mb - meanY)) / points.Sum(p => (p.AtS - meanT) * (p.AtS - meanT));
        double? growth = meanY > 0 ? Math.Round(slope * windowS / meanY * 100, 1) : null;
        return new SeriesGrowth(series.Name, points[0].AtS, points[^1].AtS, points.Count, points[0].Mb, points[^1].Mb, growth, series.Counts)
        {
            TrendMb = Math.Round(slope * windowS, 1),
        };
    }
}

/// <summary>Messages accepted per second over the first and over the last period of a soak, and how long each period was.</summary>
internal sealed record ThroughputCheck(double FirstS, double FirstMsgS, double LastS, double LastMsgS)
{
    public double Ratio => FirstMsgS > 0 ? Math.Round(LastMsgS / FirstMsgS, 3) : 0;

    public bool Passed => Ratio >= SoakVerdict.ThroughputFloor;
}

/// <summary>
/// One series' judgement: from when to when it was judged (or, not judged, when it was measured), on how
/// many samples, its first and last values there, its growth in percent (null: not judged), and whether
/// that growth counts against the soak (not for the simulator's memory).
/// </summary>
internal sealed record SeriesGrowth(string Series, double FromS, double ToS, int Points, double? FromMb, double? ToMb, double? GrowthPercent, bool Counts = true)
{
    /// <summary>
    /// The trend over the window in MB, which the percentage divides by the mean. Shown beside it because
    /// a database that already holds much from earlier runs makes the same growth a smaller share.
    /// </summary>
    public double? TrendMb { get; init; }

    public bool Growing => Counts && GrowthPercent > SoakVerdict.GrowthLimit * 100;
}
