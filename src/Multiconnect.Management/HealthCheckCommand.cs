using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Multiconnect.Management;

/// <summary>
/// <c>&lt;program&gt; healthcheck</c>, the container's HEALTHCHECK (images have no curl): asks this
/// machine's management port for liveness without starting the program's host. Exit code 0: live;
/// 1: not live or not answering; 2: no management port is configured.
/// </summary>
public static class HealthCheckCommand
{
    public const string Name = "healthcheck";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads the port the way the program does: appsettings.json beside it, then the environment.</summary>
    public static async Task<int> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (!int.TryParse(configuration[$"{ManagementOptions.Section}:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
        {
            await output.WriteLineAsync($"healthcheck: no management port is configured; set {ManagementOptions.Section}:Port (Multiconnect__Management__Port) to a TCP port.");
            return 2;
        }

        var url = new Uri($"http://127.0.0.1:{port}{ManagementPaths.Live}");
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return 0;
            }

            await output.WriteLineAsync($"healthcheck: {url} answered {(int)response.StatusCode}.");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"healthcheck: {url} did not answer: {e.Message}");
            return 1;
        }
    }
}
