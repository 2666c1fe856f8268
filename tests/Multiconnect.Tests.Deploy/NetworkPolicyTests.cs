using k8s.Models;
using Multiconnect.Tests.Deploy.Infrastructure;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// The rendered NetworkPolicies, evaluated by the Kubernetes API's rules (<see cref="NetworkPolicies"/>)
/// for the workloads' pods and the pods and addresses around them: the listed flows pass, and nothing
/// else does. Ports are the containers' (a Service's port arrives translated to its target port).
/// docs/operations.md ("Network policies") describes the same table.
/// </summary>
public sealed class NetworkPolicyTests
{
    private const string CoreApp = "multiconnect-coreapp";
    private const string Gateway = "multiconnect-gateway";
    private const string Migrate = "multiconnect-migrate";
    private const string Simulator = "multiconnect-simulator";

    // Around the workloads.
    private const string Neighbour = "another pod of the namespace";
    private const string ForeignCoreApp = "a pod labelled as a CoreApp in another namespace";
    private const string Monitoring = "a pod of the monitoring namespace";
    private const string KubeDns = "kube-dns";
    private const string Outside = "an address outside the cluster (PostgreSQL, the upstream, webhooks)";
    private const string MetadataServer = "the cloud's metadata server";

    private const string Tcp = "TCP";
    private const string Udp = "UDP";

    /// <summary>The selector that applies the migration Job before everything else (docs/operations.md, "Deploying").</summary>
    private const string FirstApplySelector = "app.kubernetes.io/component in (migrate,network-policy)";

    private static readonly string[] ProfileNames = [RenderedOverlay.Production, RenderedOverlay.Staging];

    public static TheoryData<string> Profiles => [.. ProfileNames];

    public static TheoryData<string, string, string, int, string> Listed => Rows(Allowed);

    public static TheoryData<string, string, string, int, string> Refused => Rows(Denied);

    /// <summary>Every flow the policies must let through, and with <see cref="Nothing_else_passes"/> the only ones.</summary>
    private static IEnumerable<Flow> Allowed(string profile)
    {
        // The Orleans cluster: silo to silo, and the gateways, Orleans clients, to the client port.
        yield return new(CoreApp, CoreApp, 11380);
        yield return new(Gateway, CoreApp, 30380);

        // The API from anywhere outside the namespace (its token is the fence); inside it, every pod's egress is closed.
        yield return new(ForeignCoreApp, Gateway, 8380);
        yield return new(Monitoring, Gateway, 8380);
        yield return new(Outside, Gateway, 8380);

        // Probes and /metrics from the monitoring namespace.
        yield return new(Monitoring, CoreApp, 9391);
        yield return new(Monitoring, Gateway, 9392);

        // PostgreSQL (outside the manifests, any address until an overlay narrows it) and DNS for all that use it.
        foreach (var client in new[] { CoreApp, Gateway, Migrate })
        {
            yield return new(client, Outside, 5432);
            yield return new(client, KubeDns, 53, Udp);
            yield return new(client, KubeDns, 53);
        }

        // The upstream (HTTPS) and webhooks (any http or https URL), sent by the CoreApps.
        yield return new(CoreApp, Outside, 443);
        yield return new(CoreApp, Outside, 80);

        if (profile == RenderedOverlay.Staging)
        {
            yield return new(CoreApp, Simulator, 8390);
            yield return new(Monitoring, Simulator, 9393);
        }
    }

    /// <summary>Flows that must not pass, each for a reason worth a line of its own.</summary>
    private static IEnumerable<Flow> Denied(string profile)
    {
        yield return new(Gateway, CoreApp, 11380); // an Orleans client needs the client port only
        yield return new(CoreApp, CoreApp, 30380); // CoreApps run no Orleans client
        yield return new(Neighbour, CoreApp, 30380); // any other pod of the namespace
        yield return new(Neighbour, CoreApp, 11380);
        yield return new(ForeignCoreApp, CoreApp, 11380); // CoreApp labels count only in the namespace
        yield return new(ForeignCoreApp, CoreApp, 30380);
        yield return new(Outside, CoreApp, 30380);
        yield return new(ForeignCoreApp, CoreApp, 9391); // management from another namespace
        yield return new(ForeignCoreApp, Gateway, 9392);
        yield return new(Monitoring, CoreApp, 11380); // monitoring gets the management port only
        yield return new(CoreApp, Gateway, 8380); // nothing inside calls the API
        yield return new(Neighbour, Gateway, 8380);
        yield return new(Gateway, Outside, 443); // gateways send no webhooks
        yield return new(Gateway, CoreApp, 9391);
        yield return new(Migrate, Outside, 443); // the Job needs the database and DNS only
        yield return new(Migrate, CoreApp, 11380);
        yield return new(CoreApp, MetadataServer, 80); // no webhook URL reaches the metadata server
        yield return new(CoreApp, Outside, 22);
        yield return new(CoreApp, Neighbour, 8080);
        if (profile == RenderedOverlay.Staging)
        {
            yield return new(Gateway, Simulator, 8390); // the upstream (and admin API) from CoreApps only
            yield return new(Neighbour, Simulator, 8390);
            yield return new(ForeignCoreApp, Simulator, 8390);
            yield return new(Simulator, Outside, 443); // the simulator calls out to nothing
            yield return new(Simulator, KubeDns, 53, Udp);
        }
    }

    [Theory]
    [MemberData(nameof(Listed))]
    public void Each_listed_flow_passes(string profile, string from, string to, int port, string protocol) =>
        Assert.True(Passes(RenderedOverlay.Of(profile), new Flow(from, to, port, protocol)));

    [Theory]
    [MemberData(nameof(Refused))]
    public void Flows_that_must_be_fenced_off_are_refused(string profile, string from, string to, int port, string protocol) =>
        Assert.False(Passes(RenderedOverlay.Of(profile), new Flow(from, to, port, protocol)));

    /// <summary>
    /// Every pair of endpoints with one end in the namespace, on every port a container opens or a
    /// policy names (and one nobody does), over TCP and UDP: what passes is exactly the list.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Nothing_else_passes(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var policies = overlay.NetworkPolicies;
        var endpoints = Endpoints(overlay);
        var ports = endpoints.Values.SelectMany(e => e.Ports).Select(p => p.ContainerPort)
            .Concat(overlay.All<V1NetworkPolicy>().SelectMany(NumberedPorts))
            .Append(22)
            .ToHashSet();
        var sources = endpoints.Keys.Where(name => name is not (KubeDns or MetadataServer));
        var passing = (
            from source in sources
            from destination in endpoints.Keys
            where endpoints[source].Namespace == overlay.Namespace || endpoints[destination].Namespace == overlay.Namespace
            from port in ports
            from protocol in new[] { Tcp, Udp }
            let flow = new Flow(source, destination, port, protocol)
            where Passes(policies, endpoints, flow)
            select flow).ToHashSet();
        var unlisted = passing.Except(Allowed(profile)).Select(f => f.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, $"Passes but is not listed:\n{string.Join("\n", unlisted)}");
        Assert.Subset(passing, Allowed(profile).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_pod_of_the_namespace_is_fenced_in_both_directions_unless_a_policy_opens_a_flow(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var deny = Assert.Single(overlay.All<V1NetworkPolicy>(), p => p.Spec.Ingress is null && p.Spec.Egress is null);
        Assert.Empty(deny.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.Empty(deny.Spec.PodSelector.MatchExpressions ?? []);
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
    }

    /// <summary>
    /// The first apply brings the Job and every policy, so that the fence stands before any pod runs
    /// and the Job can already reach the database; nothing else comes with it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_first_apply_brings_every_policy_with_the_migration_Job_and_nothing_else(string profile)
    {
        var overlay = RenderedOverlay.Of(profile);
        var firstApply = overlay.Objects.Cast<IMetadata<V1ObjectMeta>>()
            .Where(o => o.Metadata.Labels?.TryGetValue("app.kubernetes.io/component", out var component) == true && component is "migrate" or "network-policy")
            .ToList();
        Assert.Equal(
            overlay.All<V1NetworkPolicy>().Select(p => p.Metadata.Name).Append(Migrate).Order(StringComparer.Ordinal),
            firstApply.Select(o => o.Metadata.Name).Order(StringComparer.Ordinal));

        var applied = new NetworkPolicies(firstApply.OfType<V1NetworkPolicy>());
        var endpoints = Endpoints(overlay);
        Assert.True(Passes(applied, endpoints, new Flow(Migrate, Outside, 5432)));
        Assert.True(Passes(applied, endpoints, new Flow(Migrate, KubeDns, 53, Udp)));

        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        Assert.Contains($"kubectl apply -k $OVERLAY -l '{FirstApplySelector}'", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_doc_names_every_policy_the_overlays_render()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        var names = ProfileNames.SelectMany(profile => RenderedOverlay.Of(profile).All<V1NetworkPolicy>()).Select(p => p.Metadata.Name).Distinct();
        Assert.All(names, name => Assert.Contains($"`{name}`", doc, StringComparison.Ordinal));
    }

    private static bool Passes(RenderedOverlay overlay, Flow flow) => Passes(overlay.NetworkPolicies, Endpoints(overlay), flow);

    private static bool Passes(NetworkPolicies policies, Dictionary<string, NetworkEndpoint> endpoints, Flow flow) =>
        policies.Allow(endpoints[flow.From], endpoints[flow.To], flow.Port, flow.Protocol);

    /// <summary>The overlay's workloads (a pod of each) and the pods and addresses around them, by name.</summary>
    private static Dictionary<string, NetworkEndpoint> Endpoints(RenderedOverlay overlay)
    {
        var endpoints = overlay.Workloads.ToDictionary(w => w.Name, w => NetworkEndpoint.Of(w, overlay.Namespace));
        var coreApp = overlay.Workload(CoreApp);
        endpoints[Neighbour] = NetworkEndpoint.Pod(Neighbour, overlay.Namespace, new Dictionary<string, string> { ["app"] = "debug" },
            [new V1ContainerPort { Name = "http", ContainerPort = 8080 }]);
        endpoints[ForeignCoreApp] = NetworkEndpoint.Pod(ForeignCoreApp, "elsewhere", coreApp.Template.Metadata.Labels, coreApp.Container.Ports);
        endpoints[Monitoring] = NetworkEndpoint.Pod(Monitoring, "monitoring", new Dictionary<string, string> { ["app.kubernetes.io/name"] = "prometheus" });
        endpoints[KubeDns] = NetworkEndpoint.Pod(KubeDns, "kube-system", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" },
            [new V1ContainerPort { Name = "dns", ContainerPort = 53, Protocol = Udp }, new V1ContainerPort { Name = "dns-tcp", ContainerPort = 53, Protocol = Tcp }]);
        endpoints[Outside] = NetworkEndpoint.Outside(Outside, "203.0.113.7");
        endpoints[MetadataServer] = NetworkEndpoint.Outside(MetadataServer, "169.254.169.254");
        return endpoints;
    }

    private static TheoryData<string, string, string, int, string> Rows(Func<string, IEnumerable<Flow>> flows)
    {
        var rows = new TheoryData<string, string, string, int, string>();
        foreach (var profile in ProfileNames)
        {
            foreach (var flow in flows(profile))
            {
                rows.Add(profile, flow.From, flow.To, flow.Port, flow.Protocol);
            }
        }

        return rows;
    }

    private static IEnumerable<int> NumberedPorts(V1NetworkPolicy policy) =>
        (policy.Spec.Ingress ?? []).SelectMany(r => r.Ports ?? [])
            .Concat((policy.Spec.Egress ?? []).SelectMany(r => r.Ports ?? []))
            .Select(p => p.Port?.Value)
            .Where(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(p => int.Parse(p!, System.Globalization.CultureInfo.InvariantCulture));

    private sealed record Flow(string From, string To, int Port, string Protocol = Tcp)
    {
        public override string ToString() => $"{From} → {To}:{Port}/{Protocol}";
    }
}
