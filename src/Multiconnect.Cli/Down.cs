using Multiconnect.Harness;

namespace Multiconnect.Cli;

/// <summary>`./mc down`: stops the gateway, then the CoreApps, then the simulator and the private PostgreSQL; keeps data, logs and credentials.</summary>
internal static class Down
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(ClusterHome home)
    {
        if (home.ReadState() is not { } state)
        {
            Console.WriteLine($"No cluster is running from {home.Root}.");
            return 0;
        }

        await StopAsync(home, state);
        Console.WriteLine("Stopped. Data, logs and credentials stay in " + home.Root + ".");
        return 0;
    }

    public static async Task StopAsync(ClusterHome home, ClusterState state)
    {
        foreach (var role in new[] { "gateway", "coreapp", "simulator" })
        {
            await Task.WhenAll(state.Processes.Where(p => p.Role == role).Select(p => Launcher.StopAsync(p, Grace)));
        }

        if (state.PostgresDirectory is not null)
        {
            await PostgresServer.StopAsync(state.PostgresDirectory);
        }

        home.DeleteState();
    }
}
