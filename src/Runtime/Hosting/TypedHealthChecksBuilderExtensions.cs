using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Typed.Hosting;

namespace Typed;

/// <summary>Health checks over the node <c>AddTyped</c> runs in the host.</summary>
public static class TypedHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the host's node: running, listening when distributed, its root supervisor alive,
    /// and connected to <paramref name="expectedNodes"/> (each missing one reports
    /// <see cref="TypedHealthCheckOptions.MissingNodeStatus"/>, Degraded unless set).
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="expectedNodes">Full names of the nodes this one should be connected to.</param>
    /// <param name="configure">Further settings.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a failed check reports (default Unhealthy).</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <returns>The same builder, for chaining.</returns>
    public static IHealthChecksBuilder AddTypedNode(
        this IHealthChecksBuilder builder,
        IEnumerable<string>? expectedNodes = null,
        Action<TypedHealthCheckOptions>? configure = null,
        string name = "typed",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new TypedHealthCheckOptions();
        foreach (var node in expectedNodes ?? [])
        {
            options.ExpectedNodes.Add(node);
        }

        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new TypedHealthCheck(sp.GetService<NodeHost>() ?? throw new InvalidOperationException("AddTypedNode checks the node of services.AddTyped(...): call AddTyped first"), options),
            failureStatus,
            tags));
    }
}
