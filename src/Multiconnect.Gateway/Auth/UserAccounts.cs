using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Multiconnect.Persistence;

namespace Multiconnect.Gateway.Auth;

/// <summary>
/// The API's users: the admin, the one ROLE_ADMIN, and the ROLE_USERs it creates, all in <see cref="IUserStore"/>
/// so that every replica knows them. The admin's password is the one stored once it has been changed through
/// the API; until then it is the initial one from the environment, of which the gateway keeps only a hash.
/// </summary>
public sealed class UserAccounts(IUserStore users, PasswordHashing hashing, LoginThrottle throttle, IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>How long a dashboard's Basic credentials are taken without a new PBKDF2 (the browser repeats them on every request).</summary>
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly PasswordHash _initialAdminPassword = PasswordHash.Create(options.Value.AdminPassword!);

    /// <summary>Checked against for a name no user has, so that a wrong name costs what a wrong password costs.</summary>
    private readonly PasswordHash _nobody = PasswordHash.Create(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    /// <summary>The last successful check to remember, replaced whole so that no reader sees half of one.</summary>
    private Remembered? _recent;

    public string AdminName => options.Value.AdminUser;

    public bool IsAdmin(string name) => name == AdminName;

    public string RoleOf(string name) => IsAdmin(name) ? Roles.Admin : Roles.User;

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) =>
        IsAdmin(name) || await users.FindAsync(name, cancellationToken) is not null;

    /// <summary>
    /// Checks a password for a login from <paramref name="address"/>: refused at once while the address has
    /// used up its failed logins, and counted against it when wrong. With <paramref name="remember"/> a
    /// success is remembered for a few minutes (for the dashboard's repeated Basic credentials), as long
    /// as the user's password stays the one it was checked against.
    /// </summary>
    public async Task<LoginCheck> CheckAsync(string name, string password, IPAddress? address, bool remember, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (throttle.Blocked(address) is { } retryAfter)
        {
            return new LoginCheck(LoginOutcome.Throttled, name, RetryAfter: retryAfter);
        }

        var stored = await users.FindAsync(name, cancellationToken);
        var current = stored is not null ? PasswordHash.From(stored.Password) : IsAdmin(name) ? _initialAdminPassword : null;
        var salt = stored?.Password.Salt;
        var key = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}\n{password}\n{(salt is null ? "" : Convert.ToHexString(salt))}"));
        if (remember && current is not null && _recent is { } recent && recent.Until > clock.GetUtcNow() && CryptographicOperations.FixedTimeEquals(recent.Key, key))
        {
            return new LoginCheck(LoginOutcome.Succeeded, name, salt);
        }

        var matches = await hashing.MatchesAsync(current ?? _nobody, password, cancellationToken);
        if (matches is null)
        {
            return new LoginCheck(LoginOutcome.Busy, name);
        }

        if (matches.Value && current is not null)
        {
            if (remember)
            {
                _recent = new Remembered(key, clock.GetUtcNow() + RememberFor);
            }

            return new LoginCheck(LoginOutcome.Succeeded, name, salt);
        }

        throttle.Failed(address);
        return new LoginCheck(LoginOutcome.WrongCredentials, name);
    }

    /// <summary>Creates a ROLE_USER. The admin exists always.</summary>
    public async Task<UserChange> CreateAsync(string name, string password, CancellationToken cancellationToken)
    {
        if (IsAdmin(name))
        {
            return UserChange.AlreadyExists;
        }

        var hash = await hashing.CreateAsync(password, cancellationToken);
        if (hash is null)
        {
            return UserChange.Busy;
        }

        return await users.CreateAsync(new StoredUser(name, hash.ToStored(), clock.GetUtcNow()), cancellationToken)
            ? UserChange.Done
            : UserChange.AlreadyExists;
    }

    /// <summary>
    /// Sets a user's password, which ends every token the user holds, on every replica at once; the admin's
    /// is stored from then on. Done comes with the new password's salt, for a token issued under it.
    /// </summary>
    public async Task<(UserChange Change, byte[]? Salt)> SetPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        var hash = await hashing.CreateAsync(password, cancellationToken);
        if (hash is null)
        {
            return (UserChange.Busy, null);
        }

        return await users.SetPasswordAsync(name, hash.ToStored(), clock.GetUtcNow(), createIfMissing: IsAdmin(name), cancellationToken)
            ? (UserChange.Done, hash.Salt)
            : (UserChange.NoSuchUser, null);
    }

    /// <summary>Deletes a user and ends its tokens; the admin cannot be deleted (the caller says so first).</summary>
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        IsAdmin(name) ? Task.FromResult(false) : users.DeleteAsync(name, cancellationToken);

    private sealed record Remembered(byte[] Key, DateTimeOffset Until);
}
