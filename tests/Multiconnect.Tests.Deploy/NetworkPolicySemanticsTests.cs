using k8s;
using k8s.Models;
using Multiconnect.Tests.Deploy.Infrastructure;

namespace Multiconnect.Tests.Deploy;

/// <summary>
/// The evaluator that <see cref="NetworkPolicyTests"/> rely on, held to the Kubernetes API's rules
/// on small policies written for each rule.
/// </summary>
public sealed class NetworkPolicySemanticsTests
{
    private static readonly NetworkEndpoint Web = Pod("web", "shop", "web", ("http", 8080));
    private static readonly NetworkEndpoint Db = Pod("db", "shop", "db", ("pg", 5432));
    private static readonly NetworkEndpoint Pooler = Pod("pooler", "shop", "pooler", ("pg", 6432));
    private static readonly NetworkEndpoint ForeignWeb = Pod("web elsewhere", "other", "web", ("http", 8080));
    private static readonly NetworkEndpoint Outside = NetworkEndpoint.Outside("outside", "198.51.100.7");

    [Fact]
    public void A_pod_that_no_policy_of_a_direction_selects_is_open_in_that_direction()
    {
        var policies = Parse(Policy("db-closed", "db", "policyTypes: [Ingress]"));
        Assert.False(policies.Allow(Web, Db, 5432));
        Assert.True(policies.Allow(Db, Web, 8080));
        Assert.True(policies.Allow(Db, Outside, 443));
    }

    [Fact]
    public void The_rules_of_every_policy_that_selects_a_pod_add_up()
    {
        var policies = Parse(
            Policy("db-from-web", "db", "ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]"),
            Policy("db-from-pooler", "db", "ingress: [{from: [{podSelector: {matchLabels: {app: pooler}}}]}]"));
        Assert.True(policies.Allow(Web, Db, 5432));
        Assert.False(policies.Allow(Web, Db, 5433));
        Assert.True(policies.Allow(Pooler, Db, 5433));
        Assert.False(policies.Allow(Outside, Db, 5432));
    }

    [Fact]
    public void A_connection_needs_the_sources_egress_as_well_as_the_destinations_ingress()
    {
        var policies = Parse(
            Policy("web-out", "web", "policyTypes: [Egress]\n  egress: [{ports: [{port: 443}]}]"),
            Policy("db-in", "db", "ingress: [{ports: [{port: pg}]}]"));
        Assert.False(policies.Allow(Web, Db, 5432));
        Assert.True(policies.Allow(Web, Outside, 443));
        Assert.True(policies.Allow(Outside, Db, 5432));
    }

    [Fact]
    public void A_named_port_is_the_destination_containers_port_of_that_name()
    {
        var policies = Parse(Policy("web-to-pg", "web", "policyTypes: [Egress]\n  egress: [{ports: [{port: pg}]}]"));
        Assert.True(policies.Allow(Web, Db, 5432));
        Assert.True(policies.Allow(Web, Pooler, 6432));
        Assert.False(policies.Allow(Web, Pooler, 5432));
        Assert.False(policies.Allow(Web, Outside, 5432));
    }

    [Fact]
    public void An_ip_block_matches_addresses_outside_the_cluster_but_its_exceptions_and_no_pod()
    {
        var policies = Parse(Policy("web-out", "web",
            "policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 198.51.100.0/24, except: [198.51.100.128/25]}}]}]"));
        Assert.True(policies.Allow(Web, Outside, 443));
        Assert.False(policies.Allow(Web, NetworkEndpoint.Outside("excepted", "198.51.100.200"), 443));
        Assert.False(policies.Allow(Web, NetworkEndpoint.Outside("elsewhere", "203.0.113.1"), 443));
        Assert.False(policies.Allow(Web, Db, 5432));
    }

    [Fact]
    public void A_pod_selector_alone_means_the_policys_namespace_and_beside_a_namespace_selector_it_narrows_it()
    {
        var alone = Parse(Policy("db-from-web", "db", "ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"));
        Assert.True(alone.Allow(Web, Db, 5432));
        Assert.False(alone.Allow(ForeignWeb, Db, 5432));

        var both = Parse(Policy("db-from-other-web", "db",
            "ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}, podSelector: {matchLabels: {app: web}}}]}]"));
        Assert.True(both.Allow(ForeignWeb, Db, 5432));
        Assert.False(both.Allow(Web, Db, 5432));
        Assert.False(both.Allow(Pod("db elsewhere", "other", "db"), Db, 5432));
    }

    [Fact]
    public void Without_policy_types_a_policy_isolates_egress_only_when_it_has_egress_rules()
    {
        var ingressOnly = Parse(Policy("web", "web", "ingress: []"));
        Assert.True(ingressOnly.Allow(Web, Db, 5432));
        Assert.False(ingressOnly.Allow(Db, Web, 8080));

        var withEgress = Parse(Policy("web", "web", "egress: [{ports: [{port: 443}]}]"));
        Assert.False(withEgress.Allow(Web, Db, 5432));
        Assert.False(withEgress.Allow(Db, Web, 8080));
    }

    private static NetworkEndpoint Pod(string name, string @namespace, string app, params (string Name, int Number)[] ports) =>
        NetworkEndpoint.Pod(name, @namespace, new Dictionary<string, string> { ["app"] = app },
            ports.Select(p => new V1ContainerPort { Name = p.Name, ContainerPort = p.Number }));

    /// <summary>A policy in namespace shop selecting the pods labelled app: <paramref name="app"/>, with the rest of its spec as YAML.</summary>
    private static string Policy(string name, string app, string spec) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {name}
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: {app}
          {spec}
        """;

    private static NetworkPolicies Parse(params string[] policies) =>
        new(KubernetesYaml.LoadAllFromString(string.Join("\n---\n", policies), typeMap: null, strict: true).Cast<V1NetworkPolicy>());
}
