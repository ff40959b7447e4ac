using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Typed.Hosting;

namespace Typed;

/// <summary>Runs a Typed node in the .NET generic host.</summary>
public static class TypedServiceCollectionExtensions
{
    /// <summary>
    /// Adds a Typed node that starts and stops with the host. Behaviours spawned on it get their
    /// constructor dependencies from the host's services. Resolve <see cref="Node"/> once the host has started.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the node's name, cookie and limits.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddTyped(this IServiceCollection services, Action<NodeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp =>
        {
            var options = new NodeOptions();
            configure?.Invoke(options);
            options.Services ??= sp;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return new NodeHost(options);
        });
        services.AddHostedService(sp => sp.GetRequiredService<NodeHost>());
        services.TryAddSingleton(sp => sp.GetRequiredService<NodeHost>().Node);
        return services;
    }
}
