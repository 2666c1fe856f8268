using System.Globalization;
using Multiconnect.Benchmarks;

// dotnet run -c Release --project tests/Multiconnect.Benchmarks -- failover [--runs 5]
// dotnet run -c Release --project tests/Multiconnect.Benchmarks -- throughput [--runs 3] [--seconds 20] [--recipients 400] [--shards 2]
// Each prints a markdown report for docs/benchmarks.md.
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Number(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

switch (args.FirstOrDefault())
{
    case "failover":
        Console.WriteLine(await FailoverBenchmark.RunAsync(Number("--runs", 5)));
        return 0;
    case "throughput":
        var shards = (Option("--shards") ?? "2").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        Console.WriteLine(await ThroughputBenchmark.RunAsync(
            Number("--runs", 3), TimeSpan.FromSeconds(Number("--seconds", 20)), Number("--recipients", 400), shards));
        return 0;
    default:
        Console.Error.WriteLine("usage: Multiconnect.Benchmarks failover [--runs N] | throughput [--runs N] [--seconds S] [--recipients K] [--shards 2]");
        return 2;
}
