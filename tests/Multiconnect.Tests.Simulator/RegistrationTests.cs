using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Tests.Simulator;

/// <summary>
/// The servers as the authority of registration: a code request is an account check that, accepted,
/// sends a code; only the latest code registers the number; and a check without a certificate passes
/// only within 7 days of registering, logging the account out after that.
/// </summary>
public sealed class RegistrationTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task Only_the_latest_code_sent_registers_the_number_and_it_is_used_up()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();

        var sent = await RequestCodeAsync(Simulator, phone, cert, "sms");

        Assert.True(sent.Accepted, sent.Detail);
        Assert.Equal("Acme Test", sent.VName);
        Assert.Equal($"a code was sent by sms to +{RunningSimulator.Cc}{phone}", sent.Detail);
        var first = Assert.Single((await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray());
        Assert.Equal("sms", first.GetProperty("method").GetString());
        Assert.InRange(first.GetProperty("sent_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(JsonValueKind.Null, (await CodesAsync(Simulator, phone)).GetProperty("registered_at").ValueKind);
        var firstCode = first.GetProperty("code").GetString()!;
        Assert.Matches("^[0-9]{6}$", firstCode);

        var wrong = await VerifyAsync(Simulator, phone, Other(firstCode));

        Assert.Equal((AccountStanding.Active, RefusalReasons.CodeWrong), (wrong.Standing, wrong.Refusal));
        Assert.False((await CodesAsync(Simulator, phone)).GetProperty("registered").GetBoolean());

        // A second code makes the first one worthless.
        Assert.True((await RequestCodeAsync(Simulator, phone, cert, "voice")).Accepted);
        var codes = (await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray().ToList();
        Assert.Equal(["sms", "voice"], codes.Select(c => c.GetProperty("method").GetString()));
        var latest = codes[^1].GetProperty("code").GetString()!;
        if (latest != firstCode)
        {
            Assert.Equal(RefusalReasons.CodeWrong, (await VerifyAsync(Simulator, phone, firstCode)).Refusal);
        }

        var right = await VerifyAsync(Simulator, phone, latest);

        Assert.Equal((AccountStanding.Active, (string?)null), (right.Standing, right.Refusal));
        var registration = await CodesAsync(Simulator, phone);
        Assert.True(registration.GetProperty("registered").GetBoolean());
        Assert.InRange(registration.GetProperty("registered_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal(RefusalReasons.CodeWrong, (await VerifyAsync(Simulator, phone, latest)).Refusal);
    }

    [Fact]
    public async Task A_code_request_with_a_foreign_certificate_logs_the_account_out_and_sends_no_code()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var live = await Simulator.OpenAsync(phone, cert);
        var foreign = await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone());

        var refused = await RequestCodeAsync(Simulator, phone, foreign, "sms");

        Assert.Equal((AccountStanding.LoggedOut, RefusalReasons.CertificateWrongNumber, (string?)null), (refused.Standing, refused.Refusal, refused.VName));
        Assert.Equal(RefusalReasons.LoggedOut, (await live.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.Empty((await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray());
    }

    [Fact]
    public async Task A_code_request_needs_the_pin_when_two_step_is_on()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var http = new HttpClient();
        Assert.True((await new UpstreamAccounts(http).SetTwoStepAsync(Simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, "123456", CancellationToken.None)).Accepted);

        Assert.Equal(RefusalReasons.PinRequired, (await RequestCodeAsync(Simulator, phone, cert, "sms")).Refusal);
        Assert.Empty((await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray());
        Assert.True((await RequestCodeAsync(Simulator, phone, cert, "sms", "123456")).Accepted);
        Assert.Single((await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray());
    }

    [Fact]
    public async Task A_method_other_than_sms_or_voice_and_a_code_that_is_not_six_digits_are_bad_requests()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        Assert.True((await CheckAsync(Simulator, phone, cert)).Accepted);
        using var http = new HttpClient { BaseAddress = Simulator.Process.BaseAddress };

        using var method = await http.PostAsJsonAsync(UpstreamProtocol.AccountCodePath, new { cc = RunningSimulator.Cc, phone, cert, method = "email" });
        using var code = await http.PostAsJsonAsync(UpstreamProtocol.AccountVerifyPath, new { cc = RunningSimulator.Cc, phone, code = "12345" });

        Assert.Equal(HttpStatusCode.BadRequest, method.StatusCode);
        Assert.Equal(RefusalReasons.Invalid, (await method.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refusal").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, code.StatusCode);
        Assert.Equal(RefusalReasons.Invalid, (await code.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refusal").GetString());
        Assert.Empty((await CodesAsync(Simulator, phone)).GetProperty("codes").EnumerateArray());
    }

    [Fact]
    public async Task A_number_never_registered_is_refused_without_a_certificate_and_stays_active()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var live = await Simulator.OpenAsync(phone, cert);

        var missing = await CheckAsync(Simulator, phone, cert: "");

        Assert.Equal((AccountStanding.Active, RefusalReasons.CertificateMissing), (missing.Standing, missing.Refusal));
        Assert.False(live.Completion.IsCompleted);
        Assert.Equal(AccountStanding.Active, (await Simulator.NumberAsync(phone)).GetProperty("standing").GetString());
    }

    [Fact]
    public async Task The_admin_api_knows_no_codes_of_an_unknown_number_and_moves_the_clock_only_forward()
    {
        using var codes = await Simulator.Admin.GetAsync($"/admin/numbers/{RunningSimulator.Cc}{RunningSimulator.NewPhone()}/codes");
        using var backwards = await Simulator.Admin.PostAsJsonAsync("/admin/clock", new { advance_seconds = -1 });
        using var tooFar = await Simulator.Admin.PostAsJsonAsync("/admin/clock", new { advance_seconds = 11L * 365 * 86_400 });
        using var anonymous = new HttpClient { BaseAddress = Simulator.Process.BaseAddress };
        using var withoutToken = await anonymous.GetAsync("/admin/clock");

        Assert.Equal(HttpStatusCode.NotFound, codes.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.StartsWith("advance_seconds", (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(0, (await Simulator.Admin.GetFromJsonAsync<JsonElement>("/admin/clock")).GetProperty("offset_seconds").GetDouble());
    }

    /// <summary>On a simulator of its own: moving the clock would age every other test's certificates.</summary>
    [Fact]
    public async Task Without_a_certificate_a_check_passes_within_7_days_of_registering_and_logs_the_account_out_after()
    {
        await using var simulator = await RunningSimulator.StartAsync();
        var (phone, cert) = await simulator.NewNumberAsync();
        await RegisterAsync(simulator, phone, cert);
        await using var live = await simulator.OpenAsync(phone, cert);

        Assert.True((await CheckAsync(simulator, phone, cert: null)).Accepted);
        var clock = await AdvanceClockAsync(simulator, TimeSpan.FromDays(6));
        Assert.Equal(TimeSpan.FromDays(6).TotalSeconds, clock.GetProperty("offset_seconds").GetDouble());
        Assert.InRange(clock.GetProperty("now").GetInt64(), DateTimeOffset.UtcNow.AddDays(6).AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddDays(6).AddMinutes(1).ToUnixTimeSeconds());
        var sixDays = await CheckAsync(simulator, phone, cert: null);
        Assert.True(sixDays.Accepted, sixDays.Detail);

        await AdvanceClockAsync(simulator, TimeSpan.FromDays(2));
        var eightDays = await CheckAsync(simulator, phone, cert: null);

        Assert.Equal((AccountStanding.LoggedOut, RefusalReasons.CertificateMissing), (eightDays.Standing, eightDays.Refusal));
        Assert.Equal(RefusalReasons.LoggedOut, (await live.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.Equal(RefusalReasons.LoggedOut, (await Assert.ThrowsAsync<UpstreamRefusedException>(() => simulator.OpenAsync(phone, cert, epoch: 2))).Reason);
        Assert.Equal(AccountStanding.LoggedOut, (await simulator.NumberAsync(phone)).GetProperty("standing").GetString());

        // Its own certificate, still valid on the moved clock, logs it in again.
        Assert.True((await CheckAsync(simulator, phone, cert)).Accepted);
        await using var again = await simulator.OpenAsync(phone, cert, epoch: 3);
    }

    [Fact]
    public async Task Within_7_days_of_registering_a_check_without_a_certificate_still_needs_the_pin()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await RegisterAsync(Simulator, phone, cert);
        using var http = new HttpClient();
        Assert.True((await new UpstreamAccounts(http).SetTwoStepAsync(Simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, "123456", CancellationToken.None)).Accepted);

        Assert.Equal(RefusalReasons.PinRequired, (await CheckAsync(Simulator, phone, cert: null)).Refusal);
        Assert.Equal(RefusalReasons.PinWrong, (await CheckAsync(Simulator, phone, cert: null, "654321")).Refusal);
        Assert.True((await CheckAsync(Simulator, phone, cert: null, "123456")).Accepted);
    }

    private static async Task RegisterAsync(RunningSimulator simulator, string phone, string cert)
    {
        Assert.True((await RequestCodeAsync(simulator, phone, cert, "sms")).Accepted);
        var code = (await CodesAsync(simulator, phone)).GetProperty("codes").EnumerateArray().Last().GetProperty("code").GetString()!;
        Assert.Null((await VerifyAsync(simulator, phone, code)).Refusal);
    }

    /// <summary>A six-digit code other than <paramref name="code"/>.</summary>
    private static string Other(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static Task<JsonElement> CodesAsync(RunningSimulator simulator, string phone) =>
        simulator.Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{RunningSimulator.Cc}{phone}/codes");

    private static async Task<JsonElement> AdvanceClockAsync(RunningSimulator simulator, TimeSpan by)
    {
        using var response = await simulator.Admin.PostAsJsonAsync("/admin/clock", new { advance_seconds = by.TotalSeconds });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<AccountCheckResponse> CheckAsync(RunningSimulator simulator, string phone, string? cert, string? pin = null)
    {
        using var http = new HttpClient();
        return await new UpstreamAccounts(http).CheckAsync(simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, pin, CancellationToken.None);
    }

    private static async Task<AccountCheckResponse> RequestCodeAsync(RunningSimulator simulator, string phone, string cert, string method, string? pin = null)
    {
        using var http = new HttpClient();
        return await new UpstreamAccounts(http).RequestCodeAsync(simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, pin, method, CancellationToken.None);
    }

    private static async Task<AccountCheckResponse> VerifyAsync(RunningSimulator simulator, string phone, string code)
    {
        using var http = new HttpClient();
        return await new UpstreamAccounts(http).VerifyAsync(simulator.Process.BaseAddress, RunningSimulator.Cc, phone, code, CancellationToken.None);
    }
}
