using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Multiconnect.Upstream.Certificates;

namespace Multiconnect.Tests.Simulator;

public sealed class CertificateTests(SimulatorFixture fixture) : SharedSimulatorTests(fixture)
{
    [Fact]
    public async Task A_valid_certificate_opens_a_session()
    {
        var phone = RunningSimulator.NewPhone();

        await using var session = await Simulator.OpenAsync(phone, await Simulator.IssueCertificateAsync(phone));

        Assert.Equal(UpstreamProtocol.Version, session.Welcome.V);
        Assert.Equal(1, await Simulator.CounterAsync(phone, "sessions_opened"));
    }

    [Fact]
    public async Task A_tampered_certificate_is_refused_as_invalid()
    {
        var phone = RunningSimulator.NewPhone();
        var genuine = await Simulator.IssueCertificateAsync(phone);
        // Refusals are counted for a number the simulator knows; a refused hello alone creates none.
        await (await Simulator.OpenAsync(phone, genuine)).DisposeAsync();

        var renamed = await Refusal(phone, Tamper(genuine, document => document["verified_name"] = "Someone Else"));
        var longer = await Refusal(phone, Tamper(genuine, document => document["expires_at"] = document["expires_at"]!.GetValue<long>() + 86_400));
        var garbage = await Refusal(phone, "bm90IGEgY2VydGlmaWNhdGU=");

        Assert.Equal(RefusalReasons.CertificateInvalid, renamed);
        Assert.Equal(RefusalReasons.CertificateInvalid, longer);
        Assert.Equal(RefusalReasons.CertificateInvalid, garbage);
        Assert.Equal(3, (await Simulator.NumberAsync(phone)).GetProperty("refused_sessions").GetProperty(RefusalReasons.CertificateInvalid).GetInt64());
    }

    [Fact]
    public async Task A_certificate_of_another_number_is_refused_as_wrong_number()
    {
        var phone = RunningSimulator.NewPhone();
        var othersCertificate = await Simulator.IssueCertificateAsync(RunningSimulator.NewPhone());

        Assert.Equal(RefusalReasons.CertificateWrongNumber, await Refusal(phone, othersCertificate));
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_as_expired()
    {
        var phone = RunningSimulator.NewPhone();
        var expired = await Simulator.IssueCertificateAsync(phone, validDays: null, expiresAt: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal(RefusalReasons.CertificateExpired, await Refusal(phone, expired));
    }

    [Fact]
    public async Task A_missing_certificate_is_refused_as_missing()
    {
        Assert.Equal(RefusalReasons.CertificateMissing, await Refusal(RunningSimulator.NewPhone(), null));
    }

    [Fact]
    public async Task Certificates_verify_offline_with_the_published_public_key()
    {
        var (phone, cert) = await Simulator.NewNumberAsync();
        using var anonymous = new HttpClient { BaseAddress = Simulator.Process.BaseAddress };
        var published = await anonymous.GetFromJsonAsync<JsonElement>(UpstreamProtocol.CaPath);
        using var verifier = new CertificateVerifier(Convert.FromBase64String(published.GetProperty("public_key").GetString()!));
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var otherCa = new CertificateVerifier(otherKey.ExportSubjectPublicKeyInfo());
        var now = DateTimeOffset.UtcNow;

        var valid = verifier.Verify(cert, RunningSimulator.Cc, phone, now);

        Assert.Equal(CertificateVerdict.Valid, valid.Verdict);
        Assert.Equal(published.GetProperty("key_id").GetString(), valid.Document!.KeyId);
        Assert.Equal("Acme Test", valid.Document.VerifiedName);
        Assert.Equal(CertificateVerdict.WrongNumber, verifier.Verify(cert, RunningSimulator.Cc, RunningSimulator.NewPhone(), now).Verdict);
        Assert.Equal(CertificateVerdict.Expired, verifier.Verify(cert, RunningSimulator.Cc, phone, now.AddDays(31)).Verdict);
        Assert.Equal(CertificateVerdict.Invalid, verifier.Verify(Tamper(cert, d => d["phone_number"] = "5550000000"), RunningSimulator.Cc, "5550000000", now).Verdict);
        Assert.Equal(CertificateVerdict.Invalid, otherCa.Verify(cert, RunningSimulator.Cc, phone, now).Verdict);
    }

    [Fact]
    public async Task The_issue_cert_command_signs_with_the_key_the_server_uses()
    {
        var phone = RunningSimulator.NewPhone();
        var environment = new Dictionary<string, string?> { ["Multiconnect__Simulator__CaKeyPath"] = Simulator.Process.CaKeyPath };

        var (exitCode, output, error) = await SimulatorProcess.RunCommandAsync(
            environment, "issue-cert", "--cc", RunningSimulator.Cc, "--phone", phone, "--name", "Acme", "--valid-days", "30");

        Assert.True(exitCode == 0, error);
        await using var session = await Simulator.OpenAsync(phone, output.Trim());
        Assert.False(string.IsNullOrEmpty(session.Welcome.Session));
    }

    private async Task<string> Refusal(string phone, string? cert) =>
        (await Assert.ThrowsAsync<UpstreamRefusedException>(() => Simulator.OpenAsync(phone, cert))).Reason;

    /// <summary>Changes the signed document but keeps the signature, as a forger would.</summary>
    private static string Tamper(string cert, Action<JsonObject> change)
    {
        var envelope = JsonNode.Parse(Convert.FromBase64String(cert))!.AsObject();
        var document = JsonNode.Parse(Convert.FromBase64String(envelope["document"]!.GetValue<string>()))!.AsObject();
        change(document);
        envelope["document"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(document.ToJsonString()));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }
}
