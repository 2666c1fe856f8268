namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// The Secrets and ConfigMaps an operator creates before applying a profile; they cannot live in
/// the repository. docs/operations.md lists the same names and keys, and the manifests reference
/// exactly these (besides what an overlay renders itself).
/// </summary>
public static class OperatorObjects
{
    public static readonly (string Name, string Key) PostgresConnectionString = ("multiconnect-postgres", "connection-string");
    public static readonly (string Name, string Key) AdminPassword = ("multiconnect-admin", "password");
    public static readonly (string Name, string Key) SimulatorAdminToken = ("multiconnect-simulator", "admin-token");
    public static readonly (string Name, string Key) UpstreamUrl = ("multiconnect-upstream", "url");

    public static IReadOnlySet<(string Name, string Key)> Secrets(string profile) => profile switch
    {
        RenderedOverlay.Production => new HashSet<(string, string)> { PostgresConnectionString, AdminPassword },
        RenderedOverlay.Staging => new HashSet<(string, string)> { PostgresConnectionString, AdminPassword, SimulatorAdminToken },
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };

    /// <summary>Production's upstream URL comes from the operator; staging renders it (the simulator component).</summary>
    public static IReadOnlySet<(string Name, string Key)> ConfigMaps(string profile) => profile switch
    {
        RenderedOverlay.Production => new HashSet<(string, string)> { UpstreamUrl },
        RenderedOverlay.Staging => new HashSet<(string, string)>(),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown profile."),
    };
}
