using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Typed.Hosting;

/// <summary>What the Typed health check requires of the host's node.</summary>
public sealed class TypedHealthCheckOptions
{
    /// <summary>Nodes (full names) this node should be connected to; each missing one makes the check report <see cref="MissingNodeStatus"/>.</summary>
    public IList<string> ExpectedNodes { get; } = [];

    /// <summary>What a missing expected node makes the check report (default <see cref="HealthStatus.Degraded"/>: the node itself works).</summary>
    public HealthStatus MissingNodeStatus { get; set; } = HealthStatus.Degraded;
}
