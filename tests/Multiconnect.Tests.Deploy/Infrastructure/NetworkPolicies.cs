using System.Globalization;
using k8s.Models;

namespace Multiconnect.Tests.Deploy.Infrastructure;

/// <summary>
/// Whether NetworkPolicies let a connection through, by the Kubernetes API's rules rather than any
/// one CNI's: a pod that a policy of a direction selects is isolated in that direction, and then a
/// connection passes only if a rule of a selecting policy matches both the peer and the port. A
/// connection needs the source's egress and the destination's ingress; an address outside the
/// cluster has neither. Named ports are the destination container's. An ipBlock matches addresses
/// outside the cluster only: what it does to pod IPs the API leaves to the CNI.
/// </summary>
public sealed class NetworkPolicies(IEnumerable<V1NetworkPolicy> policies)
{
    private const string Tcp = "TCP";
    private const string Ingress = "Ingress";
    private const string Egress = "Egress";

    private readonly IReadOnlyList<V1NetworkPolicy> _policies = [.. policies];

    public bool Allow(NetworkEndpoint from, NetworkEndpoint to, int port, string protocol = Tcp)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return (!from.IsPod || Lets(from, Egress, peer: to, to, port, protocol))
            && (!to.IsPod || Lets(to, Ingress, peer: from, to, port, protocol));
    }

    /// <summary>Whether no policy isolates the pod in this direction, or a rule of one lets this peer and port through.</summary>
    private bool Lets(NetworkEndpoint pod, string direction, NetworkEndpoint peer, NetworkEndpoint destination, int port, string protocol)
    {
        var isolating = _policies
            .Where(p => p.Metadata.NamespaceProperty == pod.Namespace && Directions(p).Contains(direction) && Matches(p.Spec.PodSelector, pod.Labels))
            .ToList();
        return isolating.Count == 0 || isolating.Any(policy => Rules(policy, direction).Any(rule =>
            AnyOrAll(rule.Peers, p => Matches(p, peer, policy)) && AnyOrAll(rule.Ports, p => Matches(p, destination, port, protocol))));
    }

    /// <summary>Without policyTypes a policy is for Ingress, and for Egress as well when it has egress rules.</summary>
    private static IEnumerable<string> Directions(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes ?? (policy.Spec.Egress is { Count: > 0 } ? [Ingress, Egress] : [Ingress]);

    private static IEnumerable<(IList<V1NetworkPolicyPeer>? Peers, IList<V1NetworkPolicyPort>? Ports)> Rules(V1NetworkPolicy policy, string direction) =>
        direction == Ingress
            ? (policy.Spec.Ingress ?? []).Select(r => ((IList<V1NetworkPolicyPeer>?)r.FromProperty, (IList<V1NetworkPolicyPort>?)r.Ports))
            : (policy.Spec.Egress ?? []).Select(r => ((IList<V1NetworkPolicyPeer>?)r.To, (IList<V1NetworkPolicyPort>?)r.Ports));

    /// <summary>A rule's missing or empty list of peers or ports matches every peer or port.</summary>
    private static bool AnyOrAll<T>(IList<T>? items, Func<T, bool> match) => items is not { Count: > 0 } || items.Any(match);

    /// <summary>A pod selector alone means the policy's namespace; a namespace selector, with a pod selector, narrows to both.</summary>
    private static bool Matches(V1NetworkPolicyPeer peer, NetworkEndpoint endpoint, V1NetworkPolicy policy)
    {
        if (peer.IpBlock is { } block)
        {
            return endpoint.Address is { } address
                && System.Net.IPNetwork.Parse(block.Cidr).Contains(address)
                && !(block.Except ?? []).Any(except => System.Net.IPNetwork.Parse(except).Contains(address));
        }

        var inNamespace = peer.NamespaceSelector is { } namespaces
            ? Matches(namespaces, endpoint.NamespaceLabels)
            : endpoint.Namespace == policy.Metadata.NamespaceProperty;
        return endpoint.IsPod && inNamespace && (peer.PodSelector is not { } pods || Matches(pods, endpoint.Labels));
    }

    /// <summary>
    /// A port number (up to endPort), or the destination container's port of that name: a name the
    /// destination has no port for, or any name outside the cluster, matches nothing. No port means every port.
    /// </summary>
    private static bool Matches(V1NetworkPolicyPort rule, NetworkEndpoint destination, int port, string protocol)
    {
        if ((rule.Protocol ?? Tcp) != protocol)
        {
            return false;
        }

        if (rule.Port is null)
        {
            return true;
        }

        var first = int.TryParse(rule.Port.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : destination.Ports.FirstOrDefault(p => p.Name == rule.Port.Value && (p.Protocol ?? Tcp) == protocol)?.ContainerPort;
        return first is not null && port >= first && port <= (rule.EndPort ?? first);
    }

    private static bool Matches(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
        && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var value) && e.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(e.Key, out var value) || !e.Values.Contains(value),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new NotSupportedException($"Label selector operator {e.OperatorProperty}"),
        });
}
