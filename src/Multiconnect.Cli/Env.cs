namespace Multiconnect.Cli;

/// <summary>
/// `./mc env`: shell assignments for a curl session of your own against the running cluster —
/// <c>eval "$(./mc env)"</c> sets API (and API_2, … for more gateways), SIMULATOR, PASSWORD (the
/// admin's), SIMULATOR_TOKEN, CC and PHONE (the business number the cluster serves).
/// </summary>
internal static class Env
{
    public static async Task<int> RunAsync(ClusterHome home)
    {
        if (home.ReadState() is not { } state)
        {
            await Console.Error.WriteLineAsync($"No cluster is running from {home.Root}: start one with ./mc up.");
            return 1;
        }

        var credentials = home.ReadOrCreateCredentials();
        var apis = state.Apis.Select((api, i) => (Name: i == 0 ? "API" : $"API_{i + 1}", Url: api.ToString().TrimEnd('/')));
        Console.WriteLine("export " + string.Join(' ', apis.Append(("SIMULATOR", state.Simulator.ToString().TrimEnd('/'))).Select(v => Assignment(v.Item1, v.Item2))));
        Console.WriteLine("export " + string.Join(' ', [
            Assignment("PASSWORD", credentials.Password),
            Assignment("SIMULATOR_TOKEN", credentials.SimulatorAdminToken),
            Assignment("CC", credentials.Cc),
            Assignment("PHONE", credentials.PhoneNumber)]));
        return 0;
    }

    /// <summary>The values are URLs, hex and digits; quoting keeps the line safe to eval all the same.</summary>
    private static string Assignment(string name, string value) => $"{name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
