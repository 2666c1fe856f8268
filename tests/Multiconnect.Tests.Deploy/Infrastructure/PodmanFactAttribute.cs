namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// A test that needs podman and the tools around it (<see cref="Podman.Tools"/>). Where one is missing it is
/// skipped, saying which, so that a developer machine without podman still runs the rest; but never under
/// CI=true, where it runs and fails: CI must not pass without having run the containers.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        var missing = Podman.MissingTools;
        if (missing.Count > 0 && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (.ci/run installs them; with CI=true this test runs and fails instead).";
        }
    }
}
