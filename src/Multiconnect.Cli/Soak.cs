using System.Globalization;
using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>
/// `./mc soak`: the load of `./mc load` at a steady rate for a long time (with --chaos, a shard-owning
/// CoreApp killed every minute and started again, as `./mc chaos` does), a row of samples every
/// --sample as it goes (rate, errors, backlog, database size, each process's memory), then the audit
/// and the <see cref="SoakVerdict"/>: exit status 1 if anything was lost or reordered, if the
/// throughput fell, or if memory or the database size keeps growing.
/// </summary>
internal static class Soak
{
    public sealed record Options(TimeSpan Duration, double Rate, bool Chaos, TimeSpan Sample, TimeSpan? Settle, int Recipients, TimeSpan Drain, bool Json);

    /// <summary>How often --chaos kills a CoreApp.</summary>
    public static readonly TimeSpan KillEvery = TimeSpan.FromMinutes(1);

    public static async Task<int> RunAsync(Options options, ClusterHome home, CancellationToken cancellationToken)
    {
        if (await LoadRun.ConnectAsync(home, cancellationToken) is not { } run)
        {
            return 1;
        }

        using var _ = run.Gateway;
        if (options.Chaos && !await Chaos.CanStrikeAsync(run))
        {
            return 1;
        }

        // With --json the table goes to standard error, leaving standard output to the JSON document.
        var table = options.Json ? Console.Error : Console.Out;
        var settle = options.Settle ?? options.Duration / 2;
        var progress = new LoadProgress();
        await using var sampler = SoakSampler.Create(home, run, progress);
        var samples = new List<SoakSample> { await sampler.StartAsync(cancellationToken) };
        var names = samples[0].Processes.Select(p => p.Name).ToList();
        await table.WriteLineAsync(
            $"Soak: {options.Rate:0.#} msg/s for {Durations.Format(options.Duration)}{(options.Chaos ? $", a CoreApp killed every {Durations.Format(KillEvery)}" : "")}; " +
            $"growth judged after {Durations.Format(settle)} of settling. Memory of each process in MB (* started again since the row before, - not running).");
        await table.WriteLineAsync(Header(names));
        await table.WriteLineAsync(Row(samples[0], null, names));

        var load = run.RunAsync(new LoadRun.Options(options.Rate, options.Duration, options.Recipients, options.Drain), progress, display: false, cancellationToken);
        var strikes = options.Chaos
            ? Chaos.StrikeWhileLoadingAsync(home, run, load, KillEvery, options.Duration, "KILL", reshard: false, cancellationToken)
            : Task.FromResult(new List<ChaosEvent>());
        foreach (var at in Schedule(options.Sample, options.Duration))
        {
            var wait = at - sampler.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.WhenAny(load, Task.Delay(wait, cancellationToken));
            }

            if (load.IsCompleted)
            {
                break; // it failed: awaited below
            }

            var sample = await sampler.TakeAsync(cancellationToken);
            await table.WriteLineAsync(Row(sample, samples[^1], names));
            samples.Add(sample);
        }

        var events = await strikes;
        var audit = await load with { Events = events };
        return SoakVerdict.Of(audit, samples, settle).Print(options.Json);
    }

    /// <summary>Every <paramref name="every"/>, and at the end of the sending.</summary>
    private static IEnumerable<TimeSpan> Schedule(TimeSpan every, TimeSpan duration)
    {
        for (var at = every; at < duration; at += every)
        {
            yield return at;
        }

        yield return duration;
    }

    private static string Header(List<string> names) =>
        $"{"elapsed",7} {"msg/s",8} {"errors",7} {"backlog",8} {"DB MB",8}" + string.Concat(names.Select(n => $" {n,11}"));

    private static string Row(SoakSample sample, SoakSample? before, List<string> names)
    {
        var elapsed = TimeSpan.FromSeconds(sample.ElapsedS);
        string Memory(string name)
        {
            var now = sample.Processes.FirstOrDefault(p => p.Name == name);
            var restarted = before?.Processes.FirstOrDefault(p => p.Name == name) is { } then && now is not null && then.Pid != now.Pid;
            return now?.Mb is { } mb ? mb.ToString("0", CultureInfo.InvariantCulture) + (restarted ? "*" : "") : "-";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{(int)elapsed.TotalMinutes,4}:{elapsed.Seconds:00} {sample.Rate,8:0} {sample.Errors,7} {Text(sample.Backlog),8} {Text(sample.DatabaseMb),8}")
            + string.Concat(names.Select(n => $" {Memory(n),11}"));
    }

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Text(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";
}
