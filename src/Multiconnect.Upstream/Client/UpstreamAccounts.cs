using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Multiconnect.Upstream.Client;

/// <summary>Account checks against the upstream, over HTTP (docs/upstream-protocol.md, "Account checks").</summary>
public sealed class UpstreamAccounts(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Asks the servers at <paramref name="upstream"/> (their HTTP base address) to check the account of
    /// <paramref name="cc"/> <paramref name="phone"/> with <paramref name="cert"/> (and its two-step
    /// <paramref name="pin"/>, when on); they act on the answer
    /// (log the account out, block it, log it in again). Throws <see cref="HttpRequestException"/> when
    /// they cannot be reached or answer otherwise than the protocol says: nothing is known then.
    /// </summary>
    public Task<AccountCheckResponse> CheckAsync(Uri upstream, string cc, string phone, string? cert, string? pin, CancellationToken cancellationToken) =>
        PostAsync(upstream, UpstreamProtocol.AccountCheckPath, new AccountCheckRequest(cc, phone, cert, pin), cancellationToken);

    /// <summary>Turns two-step verification on with <paramref name="pin"/>, or off when it is null; accepted only for the number's own valid certificate and an active account.</summary>
    public Task<AccountCheckResponse> SetTwoStepAsync(Uri upstream, string cc, string phone, string? cert, string? pin, CancellationToken cancellationToken) =>
        PostAsync(upstream, UpstreamProtocol.TwoStepPath, new AccountCheckRequest(cc, phone, cert, pin), cancellationToken);

    /// <summary>Checks the account as <see cref="CheckAsync"/> does and, when accepted, has a registration code sent to the number by <paramref name="method"/>.</summary>
    public Task<AccountCheckResponse> RequestCodeAsync(Uri upstream, string cc, string phone, string cert, string? pin, string method, CancellationToken cancellationToken) =>
        PostAsync(upstream, UpstreamProtocol.AccountCodePath, new AccountCodeRequest(cc, phone, cert, pin, method), cancellationToken);

    /// <summary>Gives the registration code back: accepted, the number is registered from now on.</summary>
    public Task<AccountCheckResponse> VerifyAsync(Uri upstream, string cc, string phone, string code, CancellationToken cancellationToken) =>
        PostAsync(upstream, UpstreamProtocol.AccountVerifyPath, new AccountVerifyRequest(cc, phone, code), cancellationToken);

    private async Task<AccountCheckResponse> PostAsync<TRequest>(Uri upstream, string path, TRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        using var response = await http.PostAsJsonAsync(new Uri(upstream, path), request, Json, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
        {
            throw new HttpRequestException($"The account check answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<AccountCheckResponse>(Json, cancellationToken)
            ?? throw new HttpRequestException("The account check answered with an empty body");
    }
}
