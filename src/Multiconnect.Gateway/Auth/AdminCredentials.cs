using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// The admin user and a salted slow hash of its password, made once at start-up; the gateway keeps
/// no copy of the password itself. Successful checks are remembered briefly by a fast hash of the
/// credentials, so that a dashboard polling with HTTP Basic does not pay for PBKDF2 every second.
/// </summary>
public sealed class AdminCredentials(IOptions<AuthOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private readonly string _user = options.Value.AdminUser;
    private readonly PasswordHash _password = PasswordHash.Create(options.Value.AdminPassword!);
    private (byte[] Key, DateTimeOffset Until) _recent = ([], DateTimeOffset.MinValue);

    public bool Verify(string user, string password)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}\n{password}"));
        var recent = _recent;
        if (recent.Until > clock.GetUtcNow() && CryptographicOperations.FixedTimeEquals(recent.Key, key))
        {
            return true;
        }

        var userMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(_user));
        var passwordMatches = _password.Matches(password);
        if (userMatches && passwordMatches)
        {
            _recent = (key, clock.GetUtcNow() + RememberFor);
        }

        return userMatches && passwordMatches;
    }
}
