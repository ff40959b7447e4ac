using MemoryPack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Typed;

namespace PackageSmoke;

[MemoryPackable]
public partial record Job(int Id, string Payload);

[Process]
public partial class Counter
{
    int _n;
    int _jobs;

    [Call] public int Get() => _n;
    [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
    [Cast] public void Reset() => _n = 0;
    [Info] public void Handle(Job job) => _jobs += job.Id;
    [Call] public int Jobs() => _jobs;
}

[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 10)]
[Child<Counter>("counter", Restart.Permanent)]
public partial class AppSupervisor;

[Rpc]
public static partial class Maths
{
    public static int Add(int a, int b) => a + b;
    public static string Where() => ProcessContext.Current?.Node.Name ?? "?";

    /// <summary>The node's health, from the host's health checks (a function runs with its node's services).</summary>
    public static async Task<string> Health()
    {
        var checks = ProcessContext.Current!.Node.Services.GetRequiredService<HealthCheckService>();
        return (await checks.CheckHealthAsync()).Status.ToString();
    }
}

/// <summary>
/// A hosted service that takes the node in its constructor: registers a counter beside the root
/// supervisor's, says where b listens, and stops the host when a closes stdin.
/// </summary>
public sealed class Announcer(Node node, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        node.Spawn<Counter>(new SpawnOptions { Name = "counter" });
        Console.WriteLine($"listening {node.DistributionEndpoint!.Port}");
        await Console.OpenStandardInput().CopyToAsync(Stream.Null, stoppingToken);
        lifetime.StopApplication();
    }
}
