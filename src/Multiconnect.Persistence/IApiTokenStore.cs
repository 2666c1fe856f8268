namespace Multiconnect.Persistence;

/// <summary>Where issued tokens live, so that every gateway replica accepts every token and sees every revocation at once.</summary>
public interface IApiTokenStore
{
    Task SaveAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>
    /// The tokens among <paramref name="hashes"/> that are valid now: unexpired, and issued under the password
    /// their user has now (a token of a deleted user, or from before a password change, is not valid).
    /// </summary>
    Task<IReadOnlyList<ApiToken>> FindValidAsync(IReadOnlyCollection<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes one token (logout); false when there was no such token.</summary>
    Task<bool> RevokeAsync(byte[] hash, CancellationToken cancellationToken);
}
