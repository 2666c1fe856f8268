using System.CommandLine;
using System.CommandLine.Parsing;
using Multiconnect.Cli;
using Multiconnect.Harness;

// ./mc — one command runs a local cluster, and the tools that prove it works. See README.md.
// Linux only: it reads /proc and starts processes with setsid.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
var home = ClusterHome.Current;

var coreApps = new Option<int>("--coreapps") { Description = "CoreApps to start (1–16)", DefaultValueFactory = _ => 3 };
coreApps.Validators.Add(r => { if (r.GetValue(coreApps) is < 1 or > 16) { r.AddError("--coreapps must be from 1 to 16."); } });
var shards = new Option<int>("--shards") { Description = "Shard count: 1, 2, 4, 8, 16 or 32", DefaultValueFactory = _ => 2 };
shards.Validators.Add(r => { if (r.GetValue(shards) is not (1 or 2 or 4 or 8 or 16 or 32)) { r.AddError("--shards must be one of 1, 2, 4, 8, 16, 32."); } });
var gateways = new Option<int>("--gateways") { Description = "Gateways to start (1–8), on the API port and the ports after it", DefaultValueFactory = _ => 1 };
gateways.Validators.Add(r => { if (r.GetValue(gateways) is < 1 or > 8) { r.AddError("--gateways must be from 1 to 8."); } });
var port = new Option<int>("--port") { Description = "The first gateway's API port on 127.0.0.1", DefaultValueFactory = _ => 8080 };
port.Validators.Add(r => { if (r.GetValue(port) is < 1 or > 65535) { r.AddError("--port must be from 1 to 65535."); } });
var postgres = new Option<string>("--postgres") { Description = "Use this PostgreSQL connection string instead of a private server" };
var inMemory = new Option<bool>("--in-memory") { Description = "Keep nothing: no PostgreSQL, NOT DURABLE" };
var detach = new Option<bool>("--detach") { Description = "Return once the cluster answers, leaving it running" };
var tls = new Option<bool>("--tls") { Description = "Mutual TLS on the Orleans connections (silo to silo, gateway to silo), with a cluster CA made once in .multiconnect/tls" };
var up = new Command("up", "Start a local cluster: PostgreSQL, migrations, the simulator, CoreApps and gateways, with the shard count set")
{
    coreApps, gateways, shards, port, postgres, inMemory, detach, tls,
};
up.Validators.Add(r => { if (r.GetValue(postgres) is not null && r.GetValue(inMemory)) { r.AddError("Give --postgres or --in-memory, not both."); } });
up.Validators.Add(r => { if (r.GetValue(port) + r.GetValue(gateways) - 1 > 65535) { r.AddError("--port: the last gateway's port (--port + --gateways - 1) must be at most 65535."); } });
up.SetAction((r, ct) => Up.RunAsync(
    new Up.Options(r.GetValue(coreApps), r.GetValue(gateways), r.GetValue(shards), r.GetValue(port), r.GetValue(postgres), r.GetValue(inMemory), r.GetValue(detach), r.GetValue(tls)), home, ct));

var json = new Option<bool>("--json") { Description = "Print JSON" };
var status = new Command("status", "Every process (role, pid, state, shards), the shard map, URLs and the credentials file") { json };
status.SetAction((r, ct) => Status.RunAsync(home, r.GetValue(json), ct));

var env = new Command("env", "Shell assignments for your own curl session: eval \"$(./mc env)\" sets API, API_2…, SIMULATOR, PASSWORD, SIMULATOR_TOKEN, CC, PHONE");
env.SetAction((_, _) => Env.RunAsync(home));

var down = new Command("down", "Stop the whole cluster (data, logs and credentials are kept)");
down.SetAction((_, _) => Down.RunAsync(home));

var name = new Argument<string>("NAME") { Description = "A process name, as ./mc status lists them (e.g. coreapp-2)" };
var signal = new Option<string>("--signal") { Description = "The signal to send", DefaultValueFactory = _ => "KILL" };
signal.AcceptOnlyFromAmong(ProcessCommands.Signals);
var kill = new Command("kill", "Send a signal to one process: KILL (crash), STOP (hang), CONT (resume) or TERM") { name, signal };
kill.SetAction((r, _) => ProcessCommands.KillAsync(home, r.GetValue(name)!, r.GetValue(signal)!));
var start = new Command("start", "Start one process again, as up started it") { name };
start.SetAction((r, _) => ProcessCommands.StartAsync(home, r.GetValue(name)!));

TimeSpan ParseDuration(ArgumentResult r, string option)
{
    if (Durations.Parse(r.Tokens.Single().Value) is { } value)
    {
        return value;
    }

    r.AddError($"{option}: '{r.Tokens.Single().Value}' is not a duration such as 30s, 2m or 1m30s.");
    return default;
}

Option<TimeSpan> DurationOption(string option, string description, TimeSpan fallback) => new(option)
{
    Description = description + " (e.g. 30s, 2m, 1m30s)",
    DefaultValueFactory = _ => fallback,
    CustomParser = r => ParseDuration(r, option),
};

var rate = new Option<double?>("--rate") { Description = "Messages per second in all (default 200)" };
rate.Validators.Add(r => { if (r.GetValue(rate) is <= 0 or > 1_000_000) { r.AddError("--rate must be above 0 and at most 1000000."); } });
var max = new Option<bool>("--max") { Description = "As fast as the gateway accepts" };
var duration = DurationOption("--duration", "How long to send", TimeSpan.FromSeconds(30));
var recipients = new Option<int>("--recipients") { Description = "Recipients, each with its own sequence (1–100000)", DefaultValueFactory = _ => 200 };
recipients.Validators.Add(r => { if (r.GetValue(recipients) is < 1 or > 100_000) { r.AddError("--recipients must be from 1 to 100000."); } });
var drain = DurationOption("--drain", "How long to wait for the simulator to have every accepted message", TimeSpan.FromSeconds(60));
var mix = new Option<string?>("--mix") { Description = $"Message types by weight, e.g. text=80,template=15,image=5 (default text only; types: {string.Join(", ", MessageMix.Types)})" };
mix.Validators.Add(r => { if (r.GetValue(mix) is { } text && MessageMix.Parse(text, out var problem) is null) { r.AddError($"--mix: {problem}"); } });
MessageMix? Mix(ParseResult r) => r.GetValue(mix) is { } text ? MessageMix.Parse(text, out _) : null;
double? Rate(ParseResult r) => r.GetValue(max) ? null : r.GetValue(rate) ?? 200;
void NotBoth(Command command) => command.Validators.Add(r => { if (r.GetValue(rate) is not null && r.GetValue(max)) { r.AddError("Give --rate or --max, not both."); } });

var load = new Command("load", "HTTP load on the gateway with a live display, then the simulator's verdict: exits 1 if anything was lost or reordered")
{
    rate, max, duration, recipients, drain, mix, json,
};
NotBoth(load);
load.SetAction(async (r, ct) =>
{
    if (await LoadRun.ConnectAsync(home, ct) is not { } run)
    {
        return 1;
    }

    using var gateway = run.Gateway;
    var verdict = await run.RunAsync(new LoadRun.Options(Rate(r), r.GetValue(duration), r.GetValue(recipients), r.GetValue(drain), Mix(r)), ct);
    return verdict.Print(r.GetValue(json));
});

var every = DurationOption("--every", "Time between kills", TimeSpan.FromSeconds(10));
var chaosSignal = new Option<string>("--signal") { Description = "KILL (crash) or STOP (hang)", DefaultValueFactory = _ => "KILL" };
chaosSignal.AcceptOnlyFromAmong("KILL", "STOP");
var chaosDuration = DurationOption("--duration", "How long to run", TimeSpan.FromMinutes(2));
var reshard = new Option<bool>("--reshard") { Description = "Alternate changes of the shard count (among 2, 4 and 8) with the kills" };
var chaos = new Command("chaos", "The load, while a random shard-owning CoreApp is killed on a schedule and started again: exits 1 if anything was lost or reordered or a shard did not come back")
{
    every, chaosSignal, chaosDuration, rate, max, recipients, drain, mix, json, reshard,
};
NotBoth(chaos);
chaos.SetAction((r, ct) => Chaos.RunAsync(
    new Chaos.Options(r.GetValue(every), r.GetValue(chaosSignal)!, r.GetValue(chaosDuration), Rate(r), r.GetValue(recipients), r.GetValue(drain), r.GetValue(json), r.GetValue(reshard), Mix(r)), home, ct));

var soakDuration = DurationOption("--duration", "How long to send", TimeSpan.FromMinutes(30));
var soakRate = new Option<double>("--rate") { Description = "Messages per second in all", DefaultValueFactory = _ => 500 };
soakRate.Validators.Add(r => { if (r.GetValue(soakRate) is <= 0 or > 1_000_000) { r.AddError("--rate must be above 0 and at most 1000000."); } });
var soakChaos = new Option<bool>("--chaos") { Description = "Kill (SIGKILL) a random shard-owning CoreApp every minute and start it again, as ./mc chaos does" };
var sample = DurationOption("--sample", "Time between samples", TimeSpan.FromSeconds(30));
var settle = new Option<TimeSpan?>("--settle")
{
    Description = "How long each series (a process's memory, the database size) runs before its growth counts: warm-up and the retention periods (default: half the duration; e.g. 10m)",
    CustomParser = r => ParseDuration(r, "--settle"),
};
var soak = new Command("soak", "The load at a steady rate for a long time, optionally with a CoreApp killed every minute; every --sample a row with the rate, errors, backlog, database size and each process's memory; exits 1 if anything was lost or reordered, the last period's throughput is below 90 % of the first's, or memory or the database keeps growing after --settle")
{
    soakDuration, soakRate, soakChaos, sample, settle, recipients, drain, json,
};
soak.Validators.Add(r => { if (r.GetValue(sample) >= r.GetValue(soakDuration)) { r.AddError("--sample must be shorter than --duration."); } });
soak.Validators.Add(r => { if (r.GetValue(settle) >= r.GetValue(soakDuration)) { r.AddError("--settle must be shorter than --duration."); } });
soak.Validators.Add(r =>
{
    // Fewer points and nothing could be judged: a soak would pass without looking at growth.
    var window = r.GetValue(soakDuration) - (r.GetValue(settle) ?? r.GetValue(soakDuration) / 2);
    if (window > TimeSpan.Zero && window < 2 * r.GetValue(sample))
    {
        r.AddError($"The time after --settle ({Durations.Format(window)}) must hold at least 3 samples: a shorter --sample, a shorter --settle or a longer --duration.");
    }
});
soak.SetAction((r, ct) => Soak.RunAsync(
    new Soak.Options(r.GetValue(soakDuration), r.GetValue(soakRate), r.GetValue(soakChaos), r.GetValue(sample), r.GetValue(settle), r.GetValue(recipients), r.GetValue(drain), r.GetValue(json)), home, ct));

var count = new Argument<int>("N") { Description = "The new shard count: 1, 2, 4, 8, 16 or 32" };
count.Validators.Add(r => { if (r.GetValue(count) is not (1 or 2 or 4 or 8 or 16 or 32)) { r.AddError("N must be one of 1, 2, 4, 8, 16, 32."); } });
var shardsCommand = new Command("shards", "Change the shard count of the running cluster, with the certificate up registered the number with") { count };
shardsCommand.SetAction(async (r, ct) =>
{
    if (await LoadRun.ConnectAsync(home, ct) is not { } run)
    {
        return 1;
    }

    using var gateway = run.Gateway;
    var (status, body, took) = await ShardChange.RequestAsync(home, run.Credentials, gateway, r.GetValue(count), ct);
    Console.WriteLine($"{(int)status} {body} ({took.TotalSeconds:0.00} s)");
    return status == System.Net.HttpStatusCode.Created ? 0 : 1;
});

var quick = new Option<bool>("--quick") { Description = "One short run of each, to check that everything works" };
var only = new Option<string>("--only") { Description = "Run one table: scaling, maximum (with the connections table and the accept path alone), startup (a fresh cluster's first minute), scale (16 and 32 shards on 17 and 33 CoreApps), failover, resharding or media (storage of media files)" };
only.AcceptOnlyFromAmong(Multiconnect.Cli.Bench.Benchmarks.Tables);
var bench = new Command("bench", "Run every benchmark on fresh private clusters and print markdown tables for docs/benchmarks.md (more than 60 minutes; --quick about 10)") { quick, only };
bench.SetAction((r, _) => Multiconnect.Cli.Bench.Benchmarks.RunAsync(r.GetValue(quick), r.GetValue(only)));

var root = new RootCommand("./mc — runs a local Orleans.Multiconnect cluster, and the tools that prove it works. State, logs and credentials live in " + home.Root)
{
    up, status, env, down, kill, start, shardsCommand, load, chaos, soak, bench,
};
// Ctrl-C or SIGTERM cancels the command, which then stops what it started: give it the time that takes
// (the default would end the process after 2 s, leaving processes running).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(2) });
