using Multiconnect.Simulator;
using Multiconnect.Simulator.Commands;

// `Multiconnect.Simulator` serves; `… issue-cert …` prints a certificate; `… bench …` measures throughput.
return args switch
{
    ["issue-cert", .. var rest] => IssueCertCommand.Run(rest),
    ["bench", .. var rest] => await BenchCommand.RunAsync(rest),
    _ => await SimulatorHosting.RunAsync(args),
};
