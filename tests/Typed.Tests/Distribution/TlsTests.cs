using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

public class TlsTests
{
    [Fact]
    public async Task Nodes_with_certificates_from_a_trusted_authority_talk_over_tls()
    {
        using var authority = Authority("Typed Test CA");
        var roots = new X509Certificate2Collection(authority);
        await using var cluster = await Clusters.StartAsync(2, (i, o) => o.Distribution.Tls = new DistributionTls(Issue(authority, $"node{i}"), roots));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        Assert.True(await a.PingAsync(b.Name));
        Assert.Equal(1, await a.Ref<Worker>(b.Spawn<Worker>().Pid).Ping());
    }

    [Fact]
    public async Task A_node_whose_certificate_another_authority_issued_is_refused()
    {
        using var authority = Authority("Typed Test CA");
        using var stranger = Authority("Someone Else");
        var roots = new X509Certificate2Collection(authority);
        await using var cluster = await Clusters.StartAsync(2, (i, o) =>
            o.Distribution.Tls = new DistributionTls(Issue(i == 0 ? authority : stranger, $"node{i}"), roots));
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        Assert.False(await a.PingAsync(b.Name));
        Assert.False(await b.PingAsync(a.Name));
        Assert.Empty(a.Nodes);
    }

    static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    static X509Certificate2 Issue(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(50), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
