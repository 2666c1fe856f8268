using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Tests.Simulator;

public sealed class StartupTests
{
    [Fact]
    public async Task The_simulator_refuses_to_start_without_an_admin_token()
    {
        await using var process = SimulatorProcess.Start(adminToken: null);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains(SimulatorProcess.AdminTokenVariable, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_api_needs_its_token_and_the_ca_key_is_public()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = simulator.Process.BaseAddress };
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/stats");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-0123456789");

        using var withoutToken = await anonymous.GetAsync("/admin/stats");
        using var withWrongToken = await anonymous.SendAsync(wrong);
        using var withToken = await simulator.Admin.GetAsync("/admin/stats");
        using var issueWithoutToken = await anonymous.PostAsJsonAsync("/admin/certificates", new { cc = "1", phone = "6315551234", name = "Acme" });
        using var caKey = await anonymous.GetAsync("/v1/ca");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, issueWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, caKey.StatusCode);
    }

    [Fact]
    public async Task The_ca_key_is_created_on_first_start_readable_by_its_owner_only_and_kept_across_restarts()
    {
        var directory = Directory.CreateTempSubdirectory("mc-sim-key-");
        try
        {
            var keyPath = Path.Combine(directory.FullName, "nested", "ca-key.pem");
            string firstKeyId;
            string cert;
            const string phone = "6315551234";
            await using (var first = await RunningSimulator.StartAsync(caKeyPath: keyPath))
            {
                firstKeyId = await KeyIdAsync(first);
                cert = await first.IssueCertificateAsync(phone);
                Assert.Contains("created at", first.Process.Output, StringComparison.Ordinal);
            }

            Assert.True(File.Exists(keyPath));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            }

            await using var second = await RunningSimulator.StartAsync(caKeyPath: keyPath);
            Assert.Equal(firstKeyId, await KeyIdAsync(second));
            await using var session = await second.OpenAsync(phone, cert);
            Assert.False(string.IsNullOrEmpty(session.Welcome.Session));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> KeyIdAsync(RunningSimulator simulator) =>
        (await simulator.Admin.GetFromJsonAsync<JsonElement>("/v1/ca")).GetProperty("key_id").GetString()!;
}
