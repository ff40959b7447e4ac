using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Typed.Hosting;

namespace Typed;

/// <summary>Runs a Typed node in the .NET generic host.</summary>
public static class TypedServiceCollectionExtensions
{
    /// <summary>
    /// Adds a Typed node that starts with the host, before hosted services are created, and stops after
    /// they have stopped: <see cref="Node"/> can be taken in any constructor, hosted services included.
    /// Behaviours spawned on it get their constructor dependencies from the host's services. Options are
    /// validated when the host starts (<see cref="OptionsValidationException"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the node's name, cookie and limits; runs after configuration, if any.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddTyped(this IServiceCollection services, Action<NodeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<NodeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>());
        if (services.Any(d => d.ServiceType == typeof(NodeHost)))
        {
            return services;
        }

        services.AddSingleton(sp => new NodeHost(sp.GetRequiredService<IOptions<NodeOptions>>(), sp));
        services.AddHostedService(sp => sp.GetRequiredService<NodeHost>());
        services.AddSingleton(sp => sp.GetRequiredService<NodeHost>().Node);
        services.AddSingleton<INodeAccessor>(sp => new NodeAccessor(sp.GetRequiredService<NodeHost>()));
        WrapLifetime(services);
        return services;
    }

    /// <summary>
    /// Adds a Typed node configured from <paramref name="configuration"/> (for example
    /// <c>builder.Configuration.GetSection("Typed")</c>), then <paramref name="configure"/>. Every
    /// option binds: <c>Name</c>, <c>Cookie</c>, <c>CallTimeout</c>, <c>Throughput</c>, <c>MinPoolThreads</c>, <c>Creation</c>,
    /// <c>ShutdownTimeout</c>, and under <c>Distribution</c>: <c>ListenAddress</c> (an IP address or
    /// <c>localhost</c>), <c>ListenPort</c>, <c>UsePortMapper</c>, <c>PortMapperPort</c>, <c>StartPortMapper</c>,
    /// <c>StaticAddresses</c> (node name → <c>"host:port"</c>), <c>TickTime</c>, <c>HandshakeTimeout</c>,
    /// <c>MaxFrameSize</c>, <c>OutgoingQueueLimit</c>, <c>Hidden</c>, <c>FullMesh</c> and
    /// <c>Tls</c> (<c>CertificatePath</c>, <c>KeyPath</c>, <c>Password</c>, <c>TrustedRootsPath</c>).
    /// Unknown keys and values that do not parse fail the host's start with every problem named by its path.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section holding the node's options.</param>
    /// <param name="configure">Sets what configuration cannot (the root supervisor, global resolvers).</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddTyped(this IServiceCollection services, IConfiguration configuration, Action<NodeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NodeOptions>().Configure(o => NodeOptionsConfiguration.Bind(configuration, o));
        return services.AddTyped(configure);
    }

    /// <summary>
    /// Makes <see cref="ProcessRef{T}"/> injectable: a ref to the process registered as
    /// <paramref name="name"/> (on <paramref name="node"/>, or on the host's node), resolved by name at
    /// every use, so it follows restarts. Inject it keyed by name
    /// (<c>[FromKeyedServices("counter")] ProcessRef&lt;Counter&gt; counter</c>) or, for the first name
    /// registered for <typeparamref name="T"/>, plainly (<c>ProcessRef&lt;Counter&gt; counter</c>).
    /// </summary>
    /// <typeparam name="T">The behaviour of the named process.</typeparam>
    /// <param name="services">The host's services, with <see cref="AddTyped(IServiceCollection, Action{NodeOptions}?)"/>.</param>
    /// <param name="name">The registered name (for example a root supervisor's child registered by the child itself, or <c>Supervise&lt;T&gt;(name)</c>).</param>
    /// <param name="node">The node the process runs on; null for the host's own node.</param>
    /// <returns>The same services, for chaining.</returns>
    public static IServiceCollection AddProcessRef<T>(this IServiceCollection services, string name, string? node = null)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.Add(ServiceDescriptor.KeyedSingleton(typeof(ProcessRef<T>), name, (sp, _) => Ref(sp)));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ProcessRef<T>), Ref));
        return services;

        object Ref(IServiceProvider sp)
        {
            var host = sp.GetRequiredService<Node>();
            return node is null ? host.At<T>(name) : host.At<T>(name, node);
        }
    }

    /// <summary>Wraps the host's lifetime (the last one registered) so the node starts before hosted services are built.</summary>
    static void WrapLifetime(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostLifetime) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<IHostLifetime>(sp =>
            {
                var host = sp.GetRequiredService<NodeHost>();
                host.OwnedByLifetime = true;
                return new NodeStartingLifetime(Inner(sp, descriptor), host);
            });
            return;
        }
    }

    static IHostLifetime Inner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IHostLifetime)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
