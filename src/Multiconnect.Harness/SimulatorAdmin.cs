using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Harness;

/// <summary>The simulator's admin API over HTTP, with its admin token: certificates, counters, deliveries, inbound messages.</summary>
public class SimulatorAdmin : IDisposable
{
    public const string Cc = "1";

    public SimulatorAdmin(Uri baseAddress, string adminToken)
    {
        Admin = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    /// <summary>An HTTP client that sends the admin token.</summary>
    public HttpClient Admin { get; }

    /// <summary>A national number no other test uses, so each test reads its own counters.</summary>
    public static string NewPhone() => "555" + Random.Shared.NextInt64(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fresh business number and a valid certificate for it.</summary>
    public async Task<(string Phone, string Cert)> NewNumberAsync()
    {
        var phone = NewPhone();
        return (phone, await IssueCertificateAsync(phone));
    }

    public async Task<string> IssueCertificateAsync(string phone, int? validDays = 30, DateTimeOffset? expiresAt = null, string cc = Cc)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/certificates", new { cc, phone, name = "Acme Test", valid_days = validDays, expires_at = expiresAt });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cert").GetString()!;
    }

    /// <summary>GET /admin/numbers/{cc+phone}.</summary>
    public Task<JsonElement> NumberAsync(string phone) => Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{Cc}{phone}");

    /// <summary>The number's counters by name (delivered, duplicates, out_of_order, …); none while the simulator has not seen the number.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountersAsync(string phone)
    {
        using var response = await Admin.GetAsync($"/admin/numbers/{Cc}{phone}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return new Dictionary<string, long>();
        }

        response.EnsureSuccessStatusCode();
        var number = await response.Content.ReadFromJsonAsync<JsonElement>();
        return number.GetProperty("counters").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt64());
    }

    public async Task<long> CounterAsync(string phone, string counter) =>
        (await NumberAsync(phone)).GetProperty("counters").GetProperty(counter).GetInt64();

    public async Task<IReadOnlyList<string>> DeliveredIdsAsync(string phone, string recipient)
    {
        var delivered = await Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{Cc}{phone}/recipients/{recipient}/delivered");
        return [.. delivered.GetProperty("ids").EnumerateArray().Select(id => id.GetString()!)];
    }

    /// <summary>The type and body of the latest messages a recipient received (up to the simulator's 1,000), oldest first, as the business sent them.</summary>
    public async Task<IReadOnlyList<(string Id, string Type, string Body)>> DeliveredMessagesAsync(string phone, string recipient)
    {
        var delivered = await Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{Cc}{phone}/recipients/{recipient}/delivered");
        return [.. delivered.GetProperty("messages").EnumerateArray().Select(m => (
            m.GetProperty("id").GetString()!, m.GetProperty("type").GetString()!, m.GetProperty("body").GetString()!))];
    }

    /// <summary>
    /// A user writes to the business a message of <paramref name="type"/> whose object (as the original's
    /// webhook shows it; for media the simulator adds id, mime_type and sha256 when left out) is
    /// <paramref name="content"/>, a JSON text; returns the message's id.
    /// </summary>
    public async Task<string> InjectInboundAsync(string phone, string from, string type, string content, string? name)
    {
        using var body = new StringContent(
            $$"""{"from":{{JsonSerializer.Serialize(from)}},"name":{{JsonSerializer.Serialize(name)}},"type":{{JsonSerializer.Serialize(type)}},{{JsonSerializer.Serialize(type)}}:{{content}}}""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await Admin.PostAsync($"/admin/numbers/{Cc}{phone}/inbound", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /admin/numbers/{Cc}{phone}/inbound answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A user writes to the business (under the profile name <paramref name="name"/>, when given); returns the message's id.</summary>
    public async Task<string> InjectInboundAsync(string phone, string from, string body, string? name = null)
    {
        using var response = await Admin.PostAsJsonAsync($"/admin/numbers/{Cc}{phone}/inbound", new { from, body, name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>The registration code last sent to the number, as its phone received it; null when none was.</summary>
    public async Task<string?> LatestCodeAsync(string phone, string cc = Cc)
    {
        var registration = await Admin.GetFromJsonAsync<JsonElement>($"/admin/numbers/{cc}{phone}/codes");
        return registration.GetProperty("codes").EnumerateArray().Select(c => c.GetProperty("code").GetString()).LastOrDefault();
    }

    /// <summary>Moves the simulated servers' clock forward: certificates age, and so do registrations.</summary>
    public Task AdvanceClockAsync(TimeSpan by) => PostAdminAsync("/admin/clock", new { advance_seconds = by.TotalSeconds });

    /// <summary>
    /// Registers <paramref name="phone"/> through a gateway as an operator does: POST /v1/account (202, a code
    /// sent; or 201, registered already), the code read as the number's phone receives it, POST
    /// /v1/account/verify. <paramref name="post"/> sends a JSON body to a gateway path with the admin's token.
    /// </summary>
    public async Task RegisterAsync(Func<string, string, Task<HttpResponseMessage>> post, string phone, string cert, string cc = Cc)
    {
        ArgumentNullException.ThrowIfNull(post);
        using var register = await post("/v1/account", $$"""{"cc":"{{cc}}","phone_number":"{{phone}}","method":"sms","cert":"{{cert}}"}""");
        if (register.StatusCode == System.Net.HttpStatusCode.Created)
        {
            return;
        }

        if (register.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /v1/account answered {(int)register.StatusCode}: {await register.Content.ReadAsStringAsync()}");
        }

        var code = await LatestCodeAsync(phone, cc) ?? throw new InvalidOperationException($"POST /v1/account answered 202 but the simulator sent +{cc}{phone} no code");
        using var verify = await post("/v1/account/verify", $$"""{"code":"{{code}}"}""");
        if (verify.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /v1/account/verify answered {(int)verify.StatusCode}: {await verify.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The number had the template <paramref name="name"/> in <paramref name="language"/> approved, its body taking <paramref name="parameters"/> parameters.</summary>
    public Task ApproveTemplateAsync(string phone, string name, string language, int parameters) =>
        PostAdminAsync($"/admin/numbers/{Cc}{phone}/templates", new { name, language, parameters });

    public async Task PostAdminAsync(string path, object body)
    {
        using var response = await Admin.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Admin.Dispose();
        }
    }
}
