namespace Multiconnect.Harness;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The built program, from the same configuration as this test assembly (the test project builds it first).</summary>
    public static string ProgramDll(string program)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Root, "src", program, "bin", configuration, "net10.0", program + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; build the solution first.", dll);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Multiconnect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Orleans.Multiconnect.sln) above " + AppContext.BaseDirectory);
    }
}
