namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>Which image runs which program, and which Dockerfile builds it: deploy/docker/{role}.Dockerfile → multiconnect-{role}.</summary>
public static class ImageNames
{
    public static readonly IReadOnlyDictionary<string, string> Programs = new Dictionary<string, string>
    {
        ["multiconnect-coreapp"] = "Multiconnect.CoreApp",
        ["multiconnect-gateway"] = "Multiconnect.Gateway",
        ["multiconnect-simulator"] = "Multiconnect.Simulator",
    };

    public static string ProgramOf(string image) =>
        Programs.TryGetValue(image, out var program) ? program : throw new InvalidOperationException($"No program is known for the image {image}.");

    public static string ImageOfDockerfile(string dockerfilePath) =>
        "multiconnect-" + Path.GetFileName(dockerfilePath).Replace(".Dockerfile", "", StringComparison.Ordinal);
}
