using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Hosting;

public class HealthCheckTests
{
    static async Task<HealthReportEntry> Check(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["typed"];

    static IHost Build(string name, string? cookie, Action<HostApplicationBuilder>? more = null, Action<NodeOptions>? configure = null, params string[] expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Services.AddSingleton(new Journal());
        builder.Services.AddTyped(options =>
        {
            options.Name = name;
            options.Cookie = cookie;
            options.Distribution.UsePortMapper = false;
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().AddTypedNode(expected);
        more?.Invoke(builder);
        return builder.Build();
    }

    [Fact]
    public async Task Unhealthy_before_start_healthy_while_running_unhealthy_after_stop()
    {
        using var host = Build("health@127.0.0.1", cookie: "health");

        Assert.Equal(HealthStatus.Unhealthy, (await Check(host)).Status);
        await host.StartAsync();
        var running = await Check(host);
        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal("health@127.0.0.1", running.Data["node"]);
        Assert.True(running.Data.ContainsKey("endpoint"));
        await host.StopAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await Check(host)).Status);
    }

    [Fact]
    public async Task Degraded_until_the_expected_node_is_connected()
    {
        using var b = Build("healthb@127.0.0.1", cookie: "health2");
        await b.StartAsync();
        var port = b.Services.GetRequiredService<Node>().DistributionEndpoint!.Port;
        using var a = Build(
            "healtha@127.0.0.1",
            cookie: "health2",
            configure: o => o.Distribution.StaticAddresses["healthb@127.0.0.1"] = new(System.Net.IPAddress.Loopback, port),
            expected: "healthb@127.0.0.1");
        await a.StartAsync();

        var before = await Check(a);
        Assert.Equal(HealthStatus.Degraded, before.Status);
        Assert.Contains("healthb@127.0.0.1", before.Description, StringComparison.Ordinal);

        Assert.True(await a.Services.GetRequiredService<Node>().ConnectAsync("healthb@127.0.0.1"));
        Assert.Equal(HealthStatus.Healthy, (await Check(a)).Status);

        await b.StopAsync();
        await Eventually.True(async () => (await Check(a)).Status == HealthStatus.Degraded, "a sees b gone");
        await a.StopAsync();
    }

    [Fact]
    public async Task Unhealthy_when_the_root_supervisor_gives_up()
    {
        using var host = Build("giveup@127.0.0.1", cookie: null, configure: o => o.Supervise<MidTree>("app"));
        await host.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await Check(host)).Status);
        var app = host.Services.GetRequiredService<Node>().At<MidTree>("app");

        // MidTree allows one restart in 60 s: the second crash makes it give up.
        var before = await Typed.Tests.Supervision.Trees.Pids(app);
        (await app.Leaf()).Crash();
        await Typed.Tests.Supervision.Trees.Restarted(app, before, "leaf");
        (await app.Leaf()).Crash();

        await Eventually.True(async () => (await Check(host)).Status == HealthStatus.Unhealthy, "health flips to unhealthy");
        Assert.Contains("root supervisor exited", (await Check(host)).Description, StringComparison.Ordinal);
        await host.StopAsync();
    }
}
