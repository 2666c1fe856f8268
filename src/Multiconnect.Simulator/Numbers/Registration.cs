namespace Multiconnect.Simulator.Numbers;

/// <summary>
/// A number's registration as the servers keep it: the codes sent to it, and whether and when one was
/// given back. Only the latest code sent is valid, and only until it registers the number. A registered
/// number may be checked without its certificate for <see cref="WithoutCertificateFor"/> after registering.
/// </summary>
public sealed class Registration
{
    public static readonly TimeSpan WithoutCertificateFor = TimeSpan.FromDays(7);

    /// <summary>Codes kept for the admin API: requests are anonymous, so a number's history must not grow without end.</summary>
    private const int CodesKept = 50;

    private readonly Lock _gate = new();
    private readonly List<RegistrationCode> _sent = [];
    private RegistrationCode? _valid;
    private DateTimeOffset? _registeredAt;

    /// <summary>Sends a new code by <paramref name="method"/>: the codes sent before it are no longer valid.</summary>
    public RegistrationCode SendCode(string method, DateTimeOffset now)
    {
        var code = RegistrationCode.New(method, now);
        lock (_gate)
        {
            if (_sent.Count == CodesKept)
            {
                _sent.RemoveAt(0);
            }

            _sent.Add(code);
            _valid = code;
        }

        return code;
    }

    /// <summary>Registers the number when <paramref name="code"/> is the latest code sent and not used yet (it is used up then); otherwise changes nothing.</summary>
    public bool Verify(string code, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_valid is null || !string.Equals(_valid.Code, code, StringComparison.Ordinal))
            {
                return false;
            }

            (_valid, _registeredAt) = (null, now);
            return true;
        }
    }

    /// <summary>
    /// For a check without a certificate: null when the number was never registered, true when it
    /// registered at most <see cref="WithoutCertificateFor"/> before <paramref name="now"/>, false when longer ago.
    /// </summary>
    public bool? IsRecent(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _registeredAt is { } at ? now - at <= WithoutCertificateFor : null;
        }
    }

    /// <summary>When the number last registered (null: never), and the codes sent to it, oldest first.</summary>
    public (DateTimeOffset? RegisteredAt, IReadOnlyList<RegistrationCode> Codes) Snapshot()
    {
        lock (_gate)
        {
            return (_registeredAt, [.. _sent]);
        }
    }
}
