// A Typed node in the generic host, configured from appsettings.json (and the command line, which
// overrides it). "dotnet run" starts nodes b and c as child processes and runs node a, which talks to
// both; "dotnet run -- --node --Typed:Name=b@127.0.0.1 --Typed:Distribution:ListenPort=14371" runs one node.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Typed;
using TypedCluster;

var serveOnly = args.Contains("--node");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args.Where(a => a != "--node").ToArray(),
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddTyped(builder.Configuration.GetSection("Typed"), options => options.Supervise<AppSupervisor>("app"));
builder.Services.AddHealthChecks().AddTypedNode();
if (!serveOnly)
{
    builder.Services.AddHostedService<Demo>();
}

using var host = builder.Build();
if (serveOnly)
{
    await host.RunAsync();
    return 0;
}

// Node a: start b and c first, each this same program serving one node.
var children = new List<Process>();
try
{
    foreach (var (name, port) in new[] { ("b", 14371), ("c", 14372) })
    {
        children.Add(StartNode($"{name}@127.0.0.1", port));
    }

    await host.RunAsync();
    return Environment.ExitCode;
}
finally
{
    foreach (var child in children)
    {
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        child.Dispose();
    }
}

static Process StartNode(string name, int port)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TypedCluster.dll"));
    }

    foreach (var arg in new[] { "--node", $"--Typed:Name={name}", $"--Typed:Distribution:ListenPort={port}" })
    {
        start.ArgumentList.Add(arg);
    }

    return Process.Start(start) ?? throw new InvalidOperationException($"node {name} did not start");
}

/// <summary>Node a's work: meet b and c, call their counters and functions, then stop the host.</summary>
sealed class Demo(Node node, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            string[] peers = ["b@127.0.0.1", "c@127.0.0.1"];
            foreach (var peer in peers)
            {
                // The children may still be starting: try for a few seconds.
                for (var attempt = 0; !await node.ConnectAsync(peer, stoppingToken); attempt++)
                {
                    if (attempt == 50)
                    {
                        throw new InvalidOperationException($"{peer} did not answer");
                    }

                    await Task.Delay(100, stoppingToken);
                }
            }

            var local = await node.At<AppSupervisor>("app").Counter();
            Console.WriteLine($"a: local counter -> {await local.Add(1)}");
            foreach (var peer in peers)
            {
                Console.WriteLine($"a -> {peer}: {await Cluster.On(node, peer).Hello("a")}");
            }

            var values = await Cluster.Multicall(node, peers).CounterValue();
            Console.WriteLine($"a: counters on b and c -> {string.Join(", ", values.Values.Select(v => $"{v.Key}={v.Value}"))}; unreachable: {values.BadNodes.Count}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"a: {e.Message}");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
