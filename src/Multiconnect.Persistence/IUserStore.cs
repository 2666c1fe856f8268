namespace Multiconnect.Persistence;

/// <summary>
/// The API's users, shared by every gateway replica. Changing a password or deleting a user ends that
/// user's tokens in the same statement (<see cref="IApiTokenStore"/> is the same store).
/// </summary>
public interface IUserStore
{
    Task<StoredUser?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>False when a user of that name exists already.</summary>
    Task<bool> CreateAsync(StoredUser user, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the user's password and deletes every token of the user; false when there is no such user.
    /// With <paramref name="createIfMissing"/> (the admin, whose initial password is not stored) the row is created.
    /// </summary>
    Task<bool> SetPasswordAsync(string name, StoredPassword password, DateTimeOffset at, bool createIfMissing, CancellationToken cancellationToken);

    /// <summary>Deletes the user and every token of the user; false when there is no such user.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}
