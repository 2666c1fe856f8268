using Multiconnect.Management;
using Multiconnect.Simulator;
using Multiconnect.Simulator.Commands;

// `Multiconnect.Simulator` serves; `… healthcheck` asks its management port whether it is live; `… issue-cert …` prints a certificate; `… bench …` measures throughput.
return args switch
{
    [HealthCheckCommand.Name] => await HealthCheckCommand.RunAsync(Console.Error),
    ["issue-cert", .. var rest] => IssueCertCommand.Run(rest),
    ["bench", .. var rest] => await BenchCommand.RunAsync(rest),
    _ => await SimulatorHosting.RunAsync(args),
};
