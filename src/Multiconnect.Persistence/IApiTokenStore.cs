namespace Multiconnect.Persistence;

/// <summary>Where issued tokens live, so that every gateway replica accepts every token.</summary>
public interface IApiTokenStore
{
    Task SaveAsync(ApiToken token, CancellationToken cancellationToken);

    /// <summary>The unexpired token with this hash, or null.</summary>
    Task<ApiToken?> FindAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken);
}
