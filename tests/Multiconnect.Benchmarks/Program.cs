using System.Globalization;
using Multiconnect.Benchmarks;

// dotnet run -c Release --project tests/Multiconnect.Benchmarks -- failover [--runs 5]
// Prints a markdown report for docs/benchmarks.md.
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
if (args.FirstOrDefault() != "failover" || runs < 1)
{
    Console.Error.WriteLine("usage: Multiconnect.Benchmarks failover [--runs N]");
    return 2;
}

Console.WriteLine(await FailoverBenchmark.RunAsync(runs));
return 0;
