using System.Collections.Concurrent;
using System.Diagnostics;

namespace Multiconnect.Harness;

/// <summary>
/// One of our programs (CoreApp, gateway) running as a real OS process, configured only through
/// environment variables and arguments, as a deployment starts it. Its output is kept for diagnosis.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    public const string ManagementPortVariable = "Multiconnect__Management__Port";

    /// <summary>On this machine, the management port listens on loopback only: it has no authentication.</summary>
    public const string ManagementAddressVariable = "Multiconnect__Management__Address";

    /// <summary>Where it serves /health/live, /health/ready and /metrics; null when started without a management port.</summary>
    public Uri? ManagementUrl { get; private init; }

    /// <summary>Gives a process about to start a free management port of its own.</summary>
    public static void AddManagementPort(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment[ManagementPortVariable] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment[ManagementAddressVariable] = "127.0.0.1";
    }

    /// <summary>Starts <paramref name="program"/>; an environment value of null removes that variable.</summary>
    public static NodeProcess Start(string name, string program, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var process = new Process { StartInfo = StartInfo(program, environment, arguments), EnableRaisingEvents = true };
        var node = new NodeProcess(name, process)
        {
            ManagementUrl = environment.GetValueOrDefault(ManagementPortVariable) is { } port ? new Uri($"http://127.0.0.1:{port}") : null,
        };
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Runs a one-shot command of <paramref name="program"/> to its end: exit code, standard output, standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunToEndAsync(
        string program, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunToEndAsync(program, environment, TimeSpan.FromSeconds(60), arguments);

    /// <summary>Runs a one-shot command of <paramref name="program"/> to its end, within <paramref name="limit"/> (see <see cref="ProcessRun"/>).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunToEndAsync(
        string program, IReadOnlyDictionary<string, string?> environment, TimeSpan limit, params string[] arguments) =>
        ProcessRun.ToEndAsync(StartInfo(program, environment, arguments), limit);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends a signal (KILL, STOP, CONT, TERM) to the process, as `kill -SIGNAL pid` does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Asks the process to stop (SIGTERM), as an orchestrator does, and waits for it to finish.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("TERM");

        try
        {
            await WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.ProgramDll(program), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
