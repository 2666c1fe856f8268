using Multiconnect.Upstream.Client;

namespace Multiconnect.Tests.Simulator;

/// <summary>
/// The servers as the authority of an account's standing: a certificate of another number logs it out
/// (its sessions closed, new ones refused) until a check with its own, an expired one blocks it until
/// the operator unblocks it, and a certificate that is not genuine changes nothing.
/// </summary>
public sealed class AccountCheckTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task A_foreign_certificate_logs_the_account_out_until_it_is_checked_with_its_own()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        await using var live = await Simulator.OpenAsync(phone, cert);
        var foreign = await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone());

        var wrong = await CheckAsync(phone, foreign);

        Assert.Equal((AccountStanding.LoggedOut, RefusalReasons.CertificateWrongNumber, false), (wrong.Standing, wrong.Refusal, wrong.Accepted));
        Assert.Equal(RefusalReasons.LoggedOut, (await live.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.Equal(RefusalReasons.LoggedOut, await Refusal(phone, cert));

        var own = await CheckAsync(phone, cert);

        Assert.True(own.Accepted, own.Detail);
        await using var again = await Simulator.OpenAsync(phone, cert, epoch: 2);
        Assert.Equal(AccountStanding.Active, (await Simulator.NumberAsync(phone)).GetProperty("standing").GetString());
    }

    [Fact]
    public async Task An_expired_certificate_blocks_the_account_until_the_operator_unblocks_it()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var expired = await Simulator.IssueCertificateAsync(phone, validDays: null, expiresAt: DateTimeOffset.UtcNow.AddHours(-1));

        var blocked = await CheckAsync(phone, expired);
        var foreign = await CheckAsync(phone, await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone()));
        var stillBlocked = await CheckAsync(phone, cert);

        Assert.Equal((AccountStanding.Blocked, RefusalReasons.CertificateExpired), (blocked.Standing, blocked.Refusal));
        Assert.Equal((AccountStanding.Blocked, RefusalReasons.CertificateWrongNumber), (foreign.Standing, foreign.Refusal)); // no way out through a logout
        Assert.Equal((AccountStanding.Blocked, (string?)null, false), (stillBlocked.Standing, stillBlocked.Refusal, stillBlocked.Accepted));
        Assert.Equal(RefusalReasons.Blocked, await Refusal(phone, cert));

        await Simulator.PostAdminAsync($"/admin/numbers/{RunningSimulator.Cc}{phone}/standing", new { standing = AccountStanding.Active });

        Assert.True((await CheckAsync(phone, cert)).Accepted);
        await using var session = await Simulator.OpenAsync(phone, cert);
    }

    [Fact]
    public async Task A_certificate_that_is_not_genuine_is_refused_and_changes_nothing()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();

        var garbage = await CheckAsync(phone, "bm90IGEgY2VydGlmaWNhdGU=");
        var missing = await CheckAsync(phone, null);

        Assert.Equal((AccountStanding.Active, RefusalReasons.CertificateInvalid), (garbage.Standing, garbage.Refusal));
        Assert.Equal((AccountStanding.Active, RefusalReasons.CertificateMissing), (missing.Standing, missing.Refusal));
        await using var session = await Simulator.OpenAsync(phone, cert);
    }

    [Fact]
    public async Task With_two_step_on_a_check_needs_the_pin_and_five_wrong_pins_lock_checks_even_with_the_right_one()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        Assert.True((await SetTwoStepAsync(phone, cert, "123456")).Accepted);

        Assert.Equal(RefusalReasons.PinRequired, (await CheckAsync(phone, cert)).Refusal);
        Assert.True((await CheckAsync(phone, cert, "123456")).Accepted);
        foreach (var attempt in Enumerable.Range(1, 4))
        {
            Assert.Equal(RefusalReasons.PinWrong, (await CheckAsync(phone, cert, "654321")).Refusal);
        }

        Assert.Equal(RefusalReasons.PinLocked, (await CheckAsync(phone, cert, "654321")).Refusal);
        Assert.Equal(RefusalReasons.PinLocked, (await CheckAsync(phone, cert, "123456")).Refusal);

        // Turning it off needs no PIN (the original resets a forgotten PIN so), and ends the lock with it.
        Assert.True((await SetTwoStepAsync(phone, cert, pin: null)).Accepted);
        Assert.True((await CheckAsync(phone, cert)).Accepted);
    }

    [Fact]
    public async Task Two_step_is_changed_only_with_the_numbers_own_valid_certificate()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        var foreign = await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone());

        var refused = await SetTwoStepAsync(phone, foreign, "123456");

        Assert.Equal(RefusalReasons.CertificateWrongNumber, refused.Refusal);
        Assert.True((await CheckAsync(phone, cert)).Accepted); // no PIN asked: two-step stayed off
    }

    [Fact]
    public async Task A_number_that_is_not_valid_is_a_bad_request()
    {
        var answer = await CheckAsync("12", await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone()));

        Assert.Equal(RefusalReasons.Invalid, answer.Refusal);
    }

    private async Task<AccountCheckResponse> CheckAsync(string phone, string? cert, string? pin = null)
    {
        using var http = new HttpClient();
        return await new UpstreamAccounts(http).CheckAsync(Simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, pin, CancellationToken.None);
    }

    private async Task<AccountCheckResponse> SetTwoStepAsync(string phone, string? cert, string? pin)
    {
        using var http = new HttpClient();
        return await new UpstreamAccounts(http).SetTwoStepAsync(Simulator.Process.BaseAddress, RunningSimulator.Cc, phone, cert, pin, CancellationToken.None);
    }

    private async Task<string> Refusal(string phone, string? cert) =>
        (await Assert.ThrowsAsync<UpstreamRefusedException>(() => Simulator.OpenAsync(phone, cert, epoch: 5))).Reason;
}
