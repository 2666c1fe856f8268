using Multiconnect.Persistence;

namespace Multiconnect.Tests.Unit.Persistence;

/// <summary>
/// The rule both user stores keep (PostgresUserStore in one statement, checked against PostgreSQL by the
/// integration tests): a token is valid while unexpired and while its user's password keeps the salt it was
/// issued under; the admin's initial password, not stored, issues tokens without a salt.
/// </summary>
public sealed class InMemoryUserStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryUserStore _store = new();

    [Fact]
    public async Task A_password_change_ends_the_tokens_issued_under_the_old_password_only()
    {
        var first = Password(1);
        await _store.CreateAsync(new StoredUser("carol", first, Now), default);
        await _store.SaveAsync(Token(10, "carol", first.Salt), default);

        var second = Password(2);
        Assert.True(await _store.SetPasswordAsync("carol", second, Now, createIfMissing: false, default));
        await _store.SaveAsync(Token(11, "carol", second.Salt), default);

        Assert.Equal(new[] { 11 }, await ValidAsync(10, 11));
    }

    [Fact]
    public async Task The_admins_tokens_from_the_initial_password_end_when_its_password_is_first_stored()
    {
        await _store.SaveAsync(Token(20, "admin", passwordSalt: null), default);
        Assert.Equal(new[] { 20 }, await ValidAsync(20));

        Assert.False(await _store.SetPasswordAsync("admin", Password(3), Now, createIfMissing: false, default));
        Assert.True(await _store.SetPasswordAsync("admin", Password(3), Now, createIfMissing: true, default));

        Assert.Empty(await ValidAsync(20));
        Assert.NotNull(await _store.FindAsync("admin", default));
    }

    [Fact]
    public async Task Deleting_a_user_ends_its_tokens_even_when_the_name_is_given_again()
    {
        var password = Password(4);
        await _store.CreateAsync(new StoredUser("dave", password, Now), default);
        await _store.SaveAsync(Token(30, "dave", password.Salt), default);

        Assert.True(await _store.DeleteAsync("dave", default));
        Assert.False(await _store.DeleteAsync("dave", default));
        Assert.True(await _store.CreateAsync(new StoredUser("dave", Password(5), Now), default));

        Assert.Empty(await ValidAsync(30));
    }

    [Fact]
    public async Task A_revoked_or_expired_token_is_not_valid_and_a_name_is_created_once()
    {
        var password = Password(6);
        Assert.True(await _store.CreateAsync(new StoredUser("erin", password, Now), default));
        Assert.False(await _store.CreateAsync(new StoredUser("erin", Password(7), Now), default));
        await _store.SaveAsync(Token(40, "erin", password.Salt), default);
        await _store.SaveAsync(Token(41, "erin", password.Salt) with { ExpiresAt = Now }, default);

        Assert.True(await _store.RevokeAsync([40], default));
        Assert.False(await _store.RevokeAsync([40], default));

        Assert.Empty(await ValidAsync(40, 41));
    }

    private async Task<int[]> ValidAsync(params int[] tokens) =>
        [.. (await _store.FindValidAsync([.. tokens.Select(t => new[] { (byte)t })], Now, default)).Select(t => (int)t.Hash[0]).Order()];

    private static StoredPassword Password(byte salt) => new([salt], [salt, salt], 1);

    private static ApiToken Token(byte hash, string user, byte[]? passwordSalt) => new([hash], user, Now, Now.AddDays(7), passwordSalt);
}
