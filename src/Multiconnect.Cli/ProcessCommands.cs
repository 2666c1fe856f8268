namespace Multiconnect.Cli;

/// <summary>`./mc kill NAME [--signal …]` and `./mc start NAME`: one process of the running cluster.</summary>
internal static class ProcessCommands
{
    public static readonly string[] Signals = ["KILL", "STOP", "CONT", "TERM"];

    public static async Task<int> KillAsync(ClusterHome home, string name, string signal)
    {
        if (await FindAsync(home, name) is not var (_, process))
        {
            return 1;
        }

        if (Launcher.StatusOf(process) == ProcessStatus.Exited)
        {
            await Console.Error.WriteLineAsync($"{name} is not running (./mc start {name} starts it).");
            return 1;
        }

        Launcher.Signal(process, signal);
        Console.WriteLine($"Sent SIG{signal} to {name} (pid {process.Pid}).");
        return 0;
    }

    public static async Task<int> StartAsync(ClusterHome home, string name)
    {
        if (await FindAsync(home, name) is not var (state, process))
        {
            return 1;
        }

        switch (Launcher.StatusOf(process))
        {
            case ProcessStatus.Running:
                await Console.Error.WriteLineAsync($"{name} is already running (pid {process.Pid}).");
                return 1;
            case ProcessStatus.Stopped:
                await Console.Error.WriteLineAsync($"{name} is stopped (pid {process.Pid}): ./mc kill {name} --signal CONT resumes it.");
                return 1;
        }

        var started = Start(home, state, process);
        Console.WriteLine($"Started {name} (pid {started.Pid}); log: {home.LogOf(name)}");
        return 0;
    }

    /// <summary>Starts the process again as it was first started, and records its new pid.</summary>
    public static ManagedProcess Start(ClusterHome home, ClusterState state, ManagedProcess process)
    {
        var started = Launcher.Start(process, home.LogOf(process.Name));
        home.WriteState(state.With(started));
        return started;
    }

    private static async Task<(ClusterState State, ManagedProcess Process)?> FindAsync(ClusterHome home, string name)
    {
        if (home.ReadState() is not { } state)
        {
            await Console.Error.WriteLineAsync($"No cluster is running from {home.Root}: start one with ./mc up.");
            return null;
        }

        if (state.Find(name) is not { } process)
        {
            await Console.Error.WriteLineAsync($"No process is named '{name}'; the cluster has: {string.Join(", ", state.Processes.Select(p => p.Name))}.");
            return null;
        }

        return (state, process);
    }
}
