using System.Security.Cryptography.X509Certificates;
using Multiconnect.ClusterTls;

namespace Multiconnect.Tests.Unit.ClusterTls;

public sealed class ClusterPeerCheckTests : IDisposable
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    private readonly ClusterAuthority _cluster = ClusterAuthority.Create("Cluster CA", Year);
    private readonly ClusterAuthority _other = ClusterAuthority.Create("Other CA", Year);

    [Fact]
    public void A_node_certificate_the_cluster_CA_signed_is_accepted()
    {
        using var node = _cluster.IssueNode("node", Year);

        Assert.Null(Check(_cluster).Problem(node));
    }

    [Fact]
    public void A_certificate_from_another_CA_is_refused_even_though_it_is_otherwise_valid()
    {
        using var stranger = _other.IssueNode("node", Year);

        var problem = Check(_cluster).Problem(stranger);

        Assert.NotNull(problem);
        Assert.Contains("CN=Other CA", problem, StringComparison.Ordinal);
        Assert.Contains("does not chain to the cluster CA", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_signed_certificate_is_refused()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new CertificateRequest("CN=node", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.Add(Year));

        Assert.NotNull(Check(_cluster).Problem(selfSigned));
    }

    [Fact]
    public void An_expired_certificate_from_the_cluster_CA_is_refused()
    {
        // Valid for its first minute only; the CA was made backdated by a few minutes, so that minute is over.
        var start = new DateTimeOffset(_cluster.Certificate.NotBefore.ToUniversalTime());
        using var expired = _cluster.IssueNode("node", start, start.AddMinutes(1));

        var problem = Check(_cluster).Problem(expired);

        Assert.NotNull(problem);
        Assert.Contains(nameof(X509ChainStatusFlags.NotTimeValid), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void While_the_CA_is_replaced_a_bundle_of_both_CAs_accepts_nodes_of_either()
    {
        using var oldNode = _cluster.IssueNode("old", Year);
        using var newNode = _other.IssueNode("new", Year);
        var both = new ClusterPeerCheck([_cluster.Certificate, _other.Certificate]);

        Assert.Null(both.Problem(oldNode));
        Assert.Null(both.Problem(newNode));
    }

    public void Dispose()
    {
        _cluster.Dispose();
        _other.Dispose();
    }

    private static ClusterPeerCheck Check(ClusterAuthority authority) => new([authority.Certificate]);
}
