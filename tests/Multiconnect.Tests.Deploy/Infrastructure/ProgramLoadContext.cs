using System.Reflection;
using System.Runtime.Loader;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>Loads a built program's assemblies, and its packages from its own output, apart from the test's.</summary>
internal sealed class ProgramLoadContext(string mainAssemblyPath) : AssemblyLoadContext(Path.GetFileName(mainAssemblyPath))
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
}
