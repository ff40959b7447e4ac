using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Typed.Hosting;

/// <summary>
/// The host's node as a health check: Unhealthy when the node is not running, when a distributed node
/// is not listening, or when its root supervisor has exited (it gave up after too many restarts);
/// <see cref="TypedHealthCheckOptions.MissingNodeStatus"/> when an expected node is not connected;
/// Healthy otherwise. The data names the node, its endpoint, its connected nodes and its process count.
/// </summary>
internal sealed class TypedHealthCheck(NodeHost host, TypedHealthCheckOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Check(context.Registration.FailureStatus));

    HealthCheckResult Check(HealthStatus failureStatus)
    {
        if (host.Current is not { } node)
        {
            return new(failureStatus, "The Typed node has not started");
        }

        var connected = node.Nodes;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["node"] = node.Name,
            ["processes"] = node.ProcessCount,
            ["connected"] = connected.ToArray(),
        };
        if (node.DistributionEndpoint is { } endpoint)
        {
            data["endpoint"] = endpoint.ToString();
        }

        if (!host.IsRunning)
        {
            return new(failureStatus, $"Node {node.Name} has stopped", data: data);
        }

        if (host.RootExit is { } reason)
        {
            return new(failureStatus, $"Node {node.Name}: the root supervisor exited ({reason}); its tree is gone", data: data);
        }

        if (host.Distributed && node.DistributionEndpoint is null)
        {
            return new(failureStatus, $"Node {node.Name} has a cookie but is not listening for other nodes", data: data);
        }

        var missing = options.ExpectedNodes.Where(n => !connected.Contains(n, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            data["missing"] = missing;
            return new(options.MissingNodeStatus, $"Node {node.Name} is not connected to {string.Join(", ", missing)}", data: data);
        }

        return HealthCheckResult.Healthy($"Node {node.Name} is running", data);
    }
}
