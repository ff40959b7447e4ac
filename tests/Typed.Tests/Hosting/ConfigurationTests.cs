using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Typed.Tests.Hosting;

public class ConfigurationTests
{
    static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public void Every_option_binds_from_configuration_addresses_and_time_spans_included()
    {
        var builder = Builder(new()
        {
            ["Typed:Name"] = "conf@127.0.0.1",
            ["Typed:Cookie"] = "secret",
            ["Typed:CallTimeout"] = "00:00:02",
            ["Typed:Throughput"] = "42",
            ["Typed:MinPoolThreads"] = "12",
            ["Typed:Cluster:ExpectedNodes:0"] = "a@127.0.0.1",
            ["Typed:Cluster:ExpectedNodes:1"] = "b@127.0.0.1",
            ["Typed:Cluster:PreventOverlappingPartitions"] = "true",
            ["Typed:Creation"] = "7",
            ["Typed:ShutdownTimeout"] = "00:00:03",
            ["Typed:Distribution:ListenAddress"] = "0.0.0.0",
            ["Typed:Distribution:ListenPort"] = "4370",
            ["Typed:Distribution:UsePortMapper"] = "false",
            ["Typed:Distribution:PortMapperPort"] = "4400",
            ["Typed:Distribution:StartPortMapper"] = "false",
            ["Typed:Distribution:StaticAddresses:b@127.0.0.1"] = "127.0.0.1:4371",
            ["Typed:Distribution:StaticAddresses:c@host"] = "[::1]:4372",
            ["Typed:Distribution:StaticAddresses:d@local"] = "localhost:4373",
            ["Typed:Distribution:TickTime"] = "00:00:20",
            ["Typed:Distribution:HandshakeTimeout"] = "00:00:04",
            ["Typed:Distribution:MaxFrameSize"] = "1048576",
            ["Typed:Distribution:OutgoingQueueLimit"] = "1000",
            ["Typed:distribution:hidden"] = "true",     // keys are case-insensitive, as in all configuration
            ["Typed:Distribution:FullMesh"] = "false",
        });
        builder.Services.AddTyped(builder.Configuration.GetSection("Typed"));
        using var host = builder.Build();

        var o = host.Services.GetRequiredService<IOptions<NodeOptions>>().Value;

        Assert.Equal("conf@127.0.0.1", o.Name);
        Assert.Equal("secret", o.Cookie);
        Assert.Equal(TimeSpan.FromSeconds(2), o.CallTimeout);
        Assert.Equal(42, o.Throughput);
        Assert.Equal(12, o.MinPoolThreads);
        Assert.Equal(["a@127.0.0.1", "b@127.0.0.1"], o.Cluster.ExpectedNodes.Order(StringComparer.Ordinal));
        Assert.True(o.Cluster.PreventOverlappingPartitions);
        Assert.Equal(7u, o.Creation);
        Assert.Equal(TimeSpan.FromSeconds(3), o.ShutdownTimeout);
        var d = o.Distribution;
        Assert.Equal(IPAddress.Any, d.ListenAddress);
        Assert.Equal(4370, d.ListenPort);
        Assert.False(d.UsePortMapper);
        Assert.Equal(4400, d.PortMapperPort);
        Assert.False(d.StartPortMapper);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4371), d.StaticAddresses["b@127.0.0.1"]);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 4372), d.StaticAddresses["c@host"]);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4373), d.StaticAddresses["d@local"]);
        Assert.Equal(TimeSpan.FromSeconds(20), d.TickTime);
        Assert.Equal(TimeSpan.FromSeconds(4), d.HandshakeTimeout);
        Assert.Equal(1048576, d.MaxFrameSize);
        Assert.Equal(1000, d.OutgoingQueueLimit);
        Assert.True(d.Hidden);
        Assert.False(d.FullMesh);
    }

    [Fact]
    public async Task Bad_configuration_fails_the_start_naming_every_problem_by_its_path()
    {
        var builder = Builder(new()
        {
            ["Typed:Name"] = "bad@127.0.0.1",
            ["Typed:CallTimout"] = "00:00:02",
            ["Typed:Throughput"] = "many",
            ["Typed:Distribution:ListenAddress"] = "my-laptop",
            ["Typed:Distribution:TickTime"] = "soon",
            ["Typed:Distribution:StaticAddresses:b@127.0.0.1"] = "127.0.0.1",
        });
        builder.Services.AddTyped(builder.Configuration.GetSection("Typed"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(e.Failures, f => f.StartsWith("Typed:CallTimout: unknown setting; expected one of Name, Cookie, CallTimeout", StringComparison.Ordinal));
        Assert.Contains("Typed:Throughput: 'many' is not a whole number", e.Failures);
        Assert.Contains(e.Failures, f => f.StartsWith("Typed:Distribution:ListenAddress: 'my-laptop' is not an IP address", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Typed:Distribution:TickTime: 'soon' is not a time span", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("Typed:Distribution:StaticAddresses:b@127.0.0.1: '127.0.0.1' is not \"host:port\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_values_fail_validation_when_the_host_starts()
    {
        var builder = Builder(new()
        {
            ["Typed:Name"] = "no-at-sign",
            ["Typed:Throughput"] = "0",
            ["Typed:MinPoolThreads"] = "-1",
            ["Typed:Cluster:ExpectedNodes:0"] = "nohost",
            ["Typed:Distribution:TickTime"] = "00:00:00",
            ["Typed:Distribution:ListenPort"] = "70000",
        });
        builder.Services.AddTyped(builder.Configuration.GetSection("Typed"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(e.Failures, f => f.StartsWith("Name: 'no-at-sign' is not a node name", StringComparison.Ordinal));
        Assert.Contains("Throughput: 0; must be at least 1", e.Failures);
        Assert.Contains("MinPoolThreads: -1; must not be negative (0 leaves the thread pool as it is)", e.Failures);
        Assert.Contains("Cluster:ExpectedNodes: 'nohost' is not a node name; use name@host", e.Failures);
        Assert.Contains(e.Failures, f => f.StartsWith("Distribution:TickTime:", StringComparison.Ordinal));
        Assert.Contains("Distribution:ListenPort: 70000; must be 0 to 65535", e.Failures);
    }

    [Fact]
    public void Tls_certificates_load_from_pem_files()
    {
        var dir = Directory.CreateTempSubdirectory("typed-tls-");
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=conf", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            var certPath = Path.Combine(dir.FullName, "node.pem");
            var keyPath = Path.Combine(dir.FullName, "node.key");
            File.WriteAllText(certPath, certificate.ExportCertificatePem());
            File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

            var builder = Builder(new()
            {
                ["Typed:Name"] = "tls@127.0.0.1",
                ["Typed:Distribution:Tls:CertificatePath"] = certPath,
                ["Typed:Distribution:Tls:KeyPath"] = keyPath,
                ["Typed:Distribution:Tls:TrustedRootsPath"] = certPath,
            });
            builder.Services.AddTyped(builder.Configuration.GetSection("Typed"));
            using var host = builder.Build();

            var tls = host.Services.GetRequiredService<IOptions<NodeOptions>>().Value.Distribution.Tls;

            Assert.NotNull(tls);
            Assert.True(tls.Certificate.HasPrivateKey);
            Assert.Equal(certificate.Thumbprint, tls.Certificate.Thumbprint);
            Assert.Equal(certificate.Thumbprint, Assert.Single(tls.TrustedRoots).Thumbprint);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Two_hosts_configured_from_configuration_connect_over_tcp_through_static_addresses()
    {
        var b = Builder(new()
        {
            ["Typed:Name"] = "confb@127.0.0.1",
            ["Typed:Cookie"] = "conf-cookie",
            ["Typed:Distribution:ListenAddress"] = "127.0.0.1",
            ["Typed:Distribution:UsePortMapper"] = "false",
        });
        b.Services.AddTyped(b.Configuration.GetSection("Typed"));
        using var hostB = b.Build();
        await hostB.StartAsync();
        var nodeB = hostB.Services.GetRequiredService<Node>();
        var port = nodeB.DistributionEndpoint!.Port;

        var a = Builder(new()
        {
            ["Typed:Name"] = "confa@127.0.0.1",
            ["Typed:Cookie"] = "conf-cookie",
            ["Typed:Distribution:UsePortMapper"] = "false",
            ["Typed:Distribution:StaticAddresses:confb@127.0.0.1"] = $"127.0.0.1:{port}",
        });
        a.Services.AddTyped(a.Configuration.GetSection("Typed"), options => options.CallTimeout = TimeSpan.FromSeconds(3));
        using var hostA = a.Build();
        await hostA.StartAsync();
        var nodeA = hostA.Services.GetRequiredService<Node>();

        Assert.True(await nodeA.ConnectAsync("confb@127.0.0.1"));
        Assert.Contains("confb@127.0.0.1", nodeA.Nodes);
        Assert.Equal(TimeSpan.FromSeconds(3), nodeA.CallTimeout);   // the delegate runs after configuration

        await hostA.StopAsync();
        await hostB.StopAsync();
    }
}
