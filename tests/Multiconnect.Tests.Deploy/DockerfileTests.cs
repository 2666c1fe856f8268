using System.Xml.Linq;
using Multiconnect.Tests.Deploy.Infrastructure;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// Checks that read the Dockerfiles and pin what would otherwise only fail at build or deploy time, for
/// the way users build them (docker build, the SDK stage, the official runtime image) as well. The images
/// are built and run by <see cref="ContainerClusterTests"/>, the way CI can: with podman, without a registry.
/// </summary>
public sealed class DockerfileTests
{
    /// <summary>The non-root user `app` of Microsoft's chiseled .NET images (their APP_UID).</summary>
    public const long ChiseledAppUid = 1654;

    public static TheoryData<string> Dockerfiles =>
        [.. Dockerfile.All().Select(d => Path.GetFileName(d.Path))];

    [Fact]
    public void There_is_one_Dockerfile_per_image_the_manifests_run()
    {
        var images = Dockerfile.All().Select(d => ImageNames.ImageOfDockerfile(d.Path)).ToHashSet();
        Assert.True(images.SetEquals(ImageNames.Programs.Keys), string.Join(", ", images));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_publishes_an_existing_project_after_restoring_with_every_project_it_references(string file)
    {
        var dockerfile = Read(file);
        var program = ImageNames.ProgramOf(ImageNames.ImageOfDockerfile(file));
        var project = $"src/{program}/{program}.csproj";
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project)), project);

        var run = dockerfile.Arguments("RUN").ToList();
        Assert.Contains($"dotnet restore {project}", run);
        Assert.Contains(run, r => r.StartsWith($"dotnet publish {project} -c Release", StringComparison.Ordinal));

        // The restore layer copies only project files: it fails when a referenced project's file is missing.
        var copied = dockerfile.Arguments("COPY").Select(c => c.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Directory.Packages.props", dockerfile.Arguments("COPY").First());
        foreach (var reference in ProjectClosure(project))
        {
            Assert.Contains(reference, copied);
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_runs_as_the_non_root_user_of_a_chiseled_runtime(string file)
    {
        var dockerfile = Read(file);
        var runtime = dockerfile.FinalBase;
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime, StringComparison.Ordinal);
        Assert.Contains("chiseled", runtime, StringComparison.Ordinal);
        var user = Assert.Single(dockerfile.Arguments("USER", finalStageOnly: true));
        Assert.Contains(user, new[] { "$APP_UID", ChiseledAppUid.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// deploy/docker/build-images.sh builds without the SDK image or Microsoft's registry: it publishes on the
    /// host into artifacts/publish/{role}/ and passes APP_SOURCE=published and the local base as RUNTIME_IMAGE.
    /// By default the image is still compiled in the SDK stage and runs on the official runtime image.
    /// </summary>
    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_takes_its_app_from_the_SDK_stage_or_a_folder_published_on_the_host(string file)
    {
        var dockerfile = Read(file);
        var role = Path.GetFileName(file).Replace(".Dockerfile", "", StringComparison.Ordinal);
        Assert.Equal("build", dockerfile.GlobalArguments["APP_SOURCE"]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", "FROM " + dockerfile.Stage("build")[0].Arguments, StringComparison.Ordinal);
        var published = dockerfile.Stage("published");
        Assert.Equal("scratch AS published", published[0].Arguments);
        Assert.Contains(("COPY", $"artifacts/publish/{role}/ /app/"), published);
        Assert.Equal("${APP_SOURCE} AS app", Assert.Single(dockerfile.Stage("app")).Arguments);
        Assert.Contains("--from=app /app ./", dockerfile.Arguments("COPY", finalStageOnly: true));
        Assert.DoesNotContain(dockerfile.Arguments("COPY", finalStageOnly: true), copy => copy.Contains("--from=build", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_starts_its_program_and_checks_its_health_with_the_programs_healthcheck_command(string file)
    {
        var dockerfile = Read(file);
        var program = ImageNames.ProgramOf(ImageNames.ImageOfDockerfile(file));
        var dll = $"/app/{program}.dll";
        Assert.Equal(["dotnet", dll], Dockerfile.ExecForm(Assert.Single(dockerfile.Arguments("ENTRYPOINT", finalStageOnly: true))));
        var healthcheck = Assert.Single(dockerfile.Arguments("HEALTHCHECK", finalStageOnly: true));
        Assert.Contains(" CMD [", healthcheck, StringComparison.Ordinal);
        Assert.Equal(["dotnet", dll, ManagementContract.HealthcheckArgument], Dockerfile.ExecForm(healthcheck));
        Assert.True(int.Parse(dockerfile.Environment[ManagementContract.PortVariable], System.Globalization.CultureInfo.InvariantCulture) > 0,
            "healthcheck asks the management port, so the image must set one");
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_exposes_the_ports_and_sets_the_defaults_the_manifests_use(string file)
    {
        var dockerfile = Read(file);
        var image = ImageNames.ImageOfDockerfile(file);
        var program = ImageNames.ProgramOf(image);
        var configuration = ProgramConfiguration.Of(program);
        foreach (var (name, value) in dockerfile.Environment)
        {
            Assert.Null(configuration.VariableProblem(name, value));
        }

        var containers = new[] { RenderedOverlay.Production, RenderedOverlay.Staging }
            .SelectMany(profile => RenderedOverlay.Of(profile).Workloads)
            .Where(w => w.Kind != "Job" && w.Container.Image.StartsWith(image + ":", StringComparison.Ordinal))
            .Select(w => w.Container)
            .ToList();
        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            Assert.True(dockerfile.ExposedPorts.SetEquals(container.Ports.Select(p => p.ContainerPort)),
                $"{file} exposes {string.Join(", ", dockerfile.ExposedPorts)}; {container.Name} opens {string.Join(", ", container.Ports.Select(p => p.ContainerPort))}");
            foreach (var variable in container.Env.Where(e => e.ValueFrom is null && dockerfile.Environment.ContainsKey(e.Name)))
            {
                Assert.Equal(variable.Value, dockerfile.Environment[variable.Name]);
            }
        }
    }

    private static Dockerfile Read(string file) => Dockerfile.Read(Path.Combine(RepositoryPaths.Root, "deploy", "docker", file));

    /// <summary>The project and every project it references, directly or not, as repository-relative paths.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var closure = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!closure.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Path.Combine(RepositoryPaths.Root, next))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryPaths.Root, next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return closure;
    }
}
