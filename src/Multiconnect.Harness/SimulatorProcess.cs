namespace Multiconnect.Harness;

/// <summary>
/// The simulator as a real OS process, configured only through environment variables, on a free
/// loopback port, with its own CA key file. Its output is kept for diagnosis.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    public const string AdminTokenVariable = "MULTICONNECT_SIMULATOR_ADMIN_TOKEN";
    public const string DefaultAdminToken = "test-admin-token-0123456789abcdef";
    private const string Program = "Multiconnect.Simulator";

    private readonly NodeProcess _node;
    private readonly string? _ownKeyDirectory;

    private SimulatorProcess(NodeProcess node, Uri baseAddress, string adminToken, string caKeyPath, string? ownKeyDirectory)
    {
        _node = node;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
        CaKeyPath = caKeyPath;
        _ownKeyDirectory = ownKeyDirectory;
    }

    public Uri BaseAddress { get; }

    public string AdminToken { get; }

    public string CaKeyPath { get; }

    public int Pid => _node.Pid;

    public bool HasExited => _node.HasExited;

    public int ExitCode => _node.ExitCode;

    public string Output => _node.Output;

    public Uri? ManagementUrl => _node.ManagementUrl;

    /// <summary>Starts the simulator; <paramref name="settings"/> are Multiconnect:Simulator settings by their environment names (after "Multiconnect__Simulator__").</summary>
    public static SimulatorProcess Start(IReadOnlyDictionary<string, string>? settings = null, string? caKeyPath = null, string? adminToken = DefaultAdminToken)
    {
        var port = FreePort.Next();
        var ownKeyDirectory = caKeyPath is null ? Directory.CreateTempSubdirectory("mc-sim-test-").FullName : null;
        caKeyPath ??= Path.Combine(ownKeyDirectory!, "ca-key.pem");
        var environment = new Dictionary<string, string?>
        {
            [AdminTokenVariable] = adminToken,
            ["Multiconnect__Simulator__CaKeyPath"] = caKeyPath,
        };
        NodeProcess.AddManagementPort(environment);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment["Multiconnect__Simulator__" + key] = value;
        }

        var node = NodeProcess.Start("simulator", Program, environment, "--urls", $"http://127.0.0.1:{port}");
        return new SimulatorProcess(node, new Uri($"http://127.0.0.1:{port}"), adminToken ?? "", caKeyPath, ownKeyDirectory);
    }

    /// <summary>Runs a one-shot command of the simulator (e.g. issue-cert) and returns its exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        NodeProcess.RunToEndAsync(Program, new Dictionary<string, string?>(environment) { [AdminTokenVariable] = environment.GetValueOrDefault(AdminTokenVariable) }, arguments);

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        await Eventually.True(
            async () => HasExited
                ? throw new InvalidOperationException($"The simulator exited with {ExitCode}:\n{Output}")
                : (await http.GetAsync("/v1/ca")).StatusCode == System.Net.HttpStatusCode.OK,
            "the simulator to answer GET /v1/ca",
            TimeSpan.FromSeconds(60));
    }

    public Task<int> WaitForExitAsync(TimeSpan timeout) => _node.WaitForExitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _node.StopAsync(TimeSpan.FromSeconds(15));
        await _node.DisposeAsync();
        if (_ownKeyDirectory is not null)
        {
            Directory.Delete(_ownKeyDirectory, recursive: true);
        }
    }
}
