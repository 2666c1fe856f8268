using k8s.Models;
using Microsoft.Extensions.Hosting;
using Multiconnect.Tests.Deploy.Infrastructure;

namespace Multiconnect.Tests.Deploy;

public sealed class ManifestTests
{
    private const string CoreApp = "multiconnect-coreapp";
    private const string Gateway = "multiconnect-gateway";
    private const string Simulator = "multiconnect-simulator";
    private const string Migrate = "multiconnect-migrate";

    /// <summary>docs/operations.md sizes the database's connections from these (the throughput benchmark's pools).</summary>
    private static readonly Dictionary<string, string> PoolSizes = new()
    {
        [CoreApp] = "8",
        [Gateway] = "4",
        [Migrate] = "2",
    };

    public static TheoryData<string> Profiles => [RenderedOverlay.Production, RenderedOverlay.Staging];

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_object_renders_into_its_profiles_namespace(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var expected = profile == RenderedOverlay.Production ? "multiconnect" : "multiconnect-staging";
        Assert.NotEmpty(overlay.Objects);
        Assert.All(overlay.Objects.Cast<IMetadata<V1ObjectMeta>>(), o => Assert.Equal(expected, o.Metadata.NamespaceProperty));
    }

    [Fact]
    public void Production_runs_three_CoreApps_and_three_to_six_gateways_under_the_autoscaler_and_no_simulator()
    {
        var production = RenderedOverlay.Of(RenderedOverlay.Production);
        Assert.Equal(3, production.Workload(CoreApp).Replicas);

        // The autoscaler owns the gateways' count: a count in the Deployment would be reset by every apply.
        Assert.Null(production.Workload(Gateway).Replicas);
        var autoscaler = production.Named<V2HorizontalPodAutoscaler>(Gateway);
        Assert.Equal(("Deployment", Gateway), (autoscaler.Spec.ScaleTargetRef.Kind, autoscaler.Spec.ScaleTargetRef.Name));
        Assert.Equal(3, autoscaler.Spec.MinReplicas);
        Assert.Equal(6, autoscaler.Spec.MaxReplicas);
        Assert.DoesNotContain(production.Workloads, w => w.Name == Simulator);
    }

    [Fact]
    public void Staging_runs_two_gateways_two_CoreApps_and_one_simulator_as_their_upstream()
    {
        var staging = RenderedOverlay.Of(RenderedOverlay.Staging);
        Assert.Equal(2, staging.Workload(Gateway).Replicas);
        Assert.Equal(2, staging.Workload(CoreApp).Replicas);
        Assert.Equal(1, staging.Workload(Simulator).Replicas);
        Assert.Empty(staging.All<V2HorizontalPodAutoscaler>());

        var upstream = staging.Workload(CoreApp).Container.Env.Single(e => e.Name == "Multiconnect__Shards__UpstreamUrl").ValueFrom.ConfigMapKeyRef;
        var url = new Uri(staging.ConfigMapValue(upstream.Name, upstream.Key)!);
        var service = staging.Named<V1Service>(url.Host);
        Assert.True(staging.Workload(Simulator).Selects(service.Spec.Selector));
        var servicePort = service.Spec.Ports.Single(p => p.Port == url.Port);
        Assert.Equal(Workload.ContainerPort(staging.Workload(Simulator).Container, servicePort.TargetPort), ListeningPort(staging.Workload(Simulator).Container));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_environment_variable_is_one_the_started_program_reads(string profile)
    {
        var problems = new List<string>();
        foreach (var workload in RenderedOverlay.Of(profile).Workloads)
        {
            var container = workload.Container;
            var configuration = ProgramConfiguration.Of(Workload.ProgramOf(container));
            foreach (var variable in container.Env)
            {
                if (configuration.VariableProblem(variable.Name, variable.ValueFrom is null ? variable.Value : null) is { } problem)
                {
                    problems.Add($"{workload.Name}: {problem}");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_process_that_uses_the_database_gets_its_connection_string_from_the_secret_and_none_migrates_at_start_up(string profile)
    {
        foreach (var workload in RenderedOverlay.Of(profile).Workloads.Where(w => w.Name != Simulator))
        {
            var env = workload.Container.Env.ToDictionary(e => e.Name);
            var secret = env["Multiconnect__Postgres__ConnectionString"].ValueFrom.SecretKeyRef;
            Assert.Equal(OperatorObjects.PostgresConnectionString, (secret.Name, secret.Key));
            Assert.Equal(PoolSizes[workload.Name], env["Multiconnect__Postgres__MaxPoolSize"].Value);
            if (workload.Name != Migrate)
            {
                Assert.Equal("false", env["Multiconnect__Postgres__MigrateAtStartup"].Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_migration_Job_runs_the_CoreApp_image_with_migrate(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var job = overlay.Workload(Migrate);
        Assert.Equal("Job", job.Kind);
        Assert.Equal(["migrate"], job.Container.Args);
        Assert.Null(job.Container.Command);
        Assert.Equal(overlay.Workload(CoreApp).Container.Image, job.Container.Image);
        Assert.Contains(job.Pod.RestartPolicy, new[] { "OnFailure", "Never" });
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void CoreApps_advertise_their_pod_IP_and_name_and_the_ports_their_containers_open(string profile)
    {
        var coreApp = RenderedOverlay.Of(profile).Workload(CoreApp);
        Assert.Equal("StatefulSet", coreApp.Kind);
        var env = coreApp.Container.Env.ToDictionary(e => e.Name);
        Assert.Equal("metadata.name", env["Multiconnect__CoreApp__Name"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["Multiconnect__CoreApp__AdvertisedAddress"].ValueFrom.FieldRef.FieldPath);
        var ports = coreApp.Container.Ports.Select(p => p.ContainerPort).ToHashSet();
        Assert.Contains(int.Parse(env["Multiconnect__CoreApp__SiloPort"].Value, System.Globalization.CultureInfo.InvariantCulture), ports);
        Assert.Contains(int.Parse(env["Multiconnect__CoreApp__GatewayPort"].Value, System.Globalization.CultureInfo.InvariantCulture), ports);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Gateways_take_their_node_name_from_the_pod_and_the_Service_reaches_the_API_port(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var gateway = overlay.Workload(Gateway);
        Assert.Equal("metadata.name", gateway.Container.Env.Single(e => e.Name == "Multiconnect__Gateway__Name").ValueFrom.FieldRef.FieldPath);
        var service = overlay.Named<V1Service>(Gateway);
        Assert.True(gateway.Selects(service.Spec.Selector));
        Assert.Equal(ListeningPort(gateway.Container), Workload.ContainerPort(gateway.Container, service.Spec.Ports.Single().TargetPort));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Probes_ask_the_management_port_for_liveness_and_readiness(string profile)
    {
        foreach (var workload in RenderedOverlay.Of(profile).Workloads.Where(w => w.Kind != "Job"))
        {
            var container = workload.Container;
            var management = int.Parse(container.Env.Single(e => e.Name == ManagementContract.PortVariable).Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(management > 0, $"{workload.Name}: the management port must be set for its probes to be answered.");
            AssertProbe(container.LivenessProbe, ManagementContract.LivePath);
            AssertProbe(container.ReadinessProbe, ManagementContract.ReadyPath);
            if (container.StartupProbe is not null)
            {
                AssertProbe(container.StartupProbe, ManagementContract.LivePath);
            }

            void AssertProbe(V1Probe probe, string path)
            {
                Assert.NotNull(probe);
                Assert.Equal(path, probe.HttpGet.Path);
                Assert.Equal(management, Workload.ContainerPort(container, probe.HttpGet.Port));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Management_ports_differ_by_role_so_one_of_each_runs_side_by_side(string profile)
    {
        var ports = RenderedOverlay.Of(profile).Workloads.Where(w => w.Kind != "Job")
            .Select(w => w.Container.Env.Single(e => e.Name == ManagementContract.PortVariable).Value)
            .ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Secrets_and_config_maps_referenced_are_exactly_the_documented_ones_or_rendered(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var containers = overlay.Workloads.SelectMany(w => w.Containers).ToList();
        var secrets = containers.SelectMany(c => c.Env).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>()
            .Select(s => (s.Name, s.Key)).ToHashSet();
        Assert.True(secrets.SetEquals(OperatorObjects.Secrets(profile)), $"Secrets referenced: {string.Join(", ", secrets)}");
        Assert.Empty(overlay.All<V1Secret>());
        Assert.DoesNotContain(containers, c => c.EnvFrom is { Count: > 0 });

        var configMaps = containers.SelectMany(c => c.Env).Select(e => e.ValueFrom?.ConfigMapKeyRef).OfType<V1ConfigMapKeySelector>()
            .Select(s => (s.Name, s.Key)).ToHashSet();
        var fromOperator = configMaps.Where(c => overlay.ConfigMapValue(c.Name, c.Key) is null).ToHashSet();
        Assert.True(fromOperator.SetEquals(OperatorObjects.ConfigMaps(profile)), $"ConfigMaps the overlay does not render: {string.Join(", ", fromOperator)}");
        Assert.All(containers.SelectMany(c => c.Env).Select(e => e.ValueFrom).OfType<V1EnvVarSource>(),
            source => Assert.True(source.SecretKeyRef?.Optional != true && source.ConfigMapKeyRef?.Optional != true, "no reference may be optional"));
    }

    [Fact]
    public void Operations_doc_names_every_secret_and_config_map_the_operator_creates_with_its_key()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        foreach (var (name, key) in OperatorObjects.Secrets(RenderedOverlay.Staging).Union(OperatorObjects.ConfigMaps(RenderedOverlay.Production)))
        {
            Assert.Contains($"`{name}`", doc, StringComparison.Ordinal);
            Assert.Contains($"`{key}`", doc, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Nothing_calls_the_Kubernetes_API_so_no_pod_gets_a_token_and_no_RBAC_is_rendered(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        Assert.All(overlay.Workloads, w => Assert.False(w.Pod.AutomountServiceAccountToken ?? true, $"{w.Name} mounts a service account token"));
        Assert.Empty(overlay.All<V1Role>());
        Assert.Empty(overlay.All<V1ClusterRole>());
        Assert.Empty(overlay.All<V1RoleBinding>());
        Assert.Empty(overlay.All<V1ClusterRoleBinding>());
        foreach (var program in overlay.Workloads.Select(w => Workload.ProgramOf(w.Container)).Distinct())
        {
            var assemblies = ProgramConfiguration.Of(program).Assemblies;
            Assert.DoesNotContain("KubernetesClient.dll", assemblies);
            Assert.DoesNotContain("Orleans.Hosting.Kubernetes.dll", assemblies);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Evictions_updates_and_scaling_never_take_more_than_one_CoreApp_at_a_time(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var coreApp = overlay.Workload(CoreApp);
        var budgets = overlay.All<V1PodDisruptionBudget>().Where(b => coreApp.Selects(b.Spec.Selector.MatchLabels)).ToList();
        var budget = Assert.Single(budgets);
        Assert.Null(budget.Spec.MinAvailable);
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        var statefulSet = overlay.Named<V1StatefulSet>(CoreApp).Spec;
        Assert.True(coreApp.Selects(statefulSet.Selector.MatchLabels));
        Assert.Equal("RollingUpdate", statefulSet.UpdateStrategy.Type);
        Assert.Null(statefulSet.UpdateStrategy.RollingUpdate?.MaxUnavailable);
        Assert.Equal("OrderedReady", statefulSet.PodManagementPolicy);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_stopping_CoreApp_gets_longer_than_the_hosts_shutdown_timeout_to_hand_its_shards_over(string profile)
    {
        var grace = TimeSpan.FromSeconds(RenderedOverlay.Of(profile).Workload(CoreApp).Pod.TerminationGracePeriodSeconds!.Value);
        Assert.True(grace > new HostOptions().ShutdownTimeout, $"{grace} leaves the host no time to stop before the kubelet kills it");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_pod_runs_as_the_images_non_root_user_on_a_read_only_root_and_a_pinned_image_tag(string profile)
    {
        foreach (var workload in RenderedOverlay.Of(profile).Workloads)
        {
            Assert.True(workload.Pod.SecurityContext.RunAsNonRoot, workload.Name);
            Assert.Equal(DockerfileTests.ChiseledAppUid, workload.Pod.SecurityContext.RunAsUser);
            var container = workload.Container;
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem, workload.Name);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation, workload.Name);
            var tag = container.Image.Split(':').ElementAtOrDefault(1);
            Assert.False(tag is null or "latest", $"{workload.Name}: {container.Image} has no pinned tag");
        }
    }

    private static int ListeningPort(V1Container container)
    {
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value);
        return env.TryGetValue("ASPNETCORE_HTTP_PORTS", out var ports) ? int.Parse(ports, System.Globalization.CultureInfo.InvariantCulture)
            : env.TryGetValue("Urls", out var urls) ? new Uri(urls.Replace("+", "localhost", StringComparison.Ordinal)).Port
            : throw new InvalidOperationException($"{container.Name} sets no listening address");
    }
}
