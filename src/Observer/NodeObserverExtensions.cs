using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Typed.Observer;

/// <summary>The observer for a node that is not an ASP.NET Core app (a console node, a test).</summary>
public static class NodeObserverExtensions
{
    /// <summary>
    /// Starts a small Kestrel server (from the shared framework) on <see cref="ObserverOptions.ListenAddress"/>
    /// (loopback unless configured) and <paramref name="port"/> (0: any free port), serving the observer
    /// of <paramref name="node"/>'s cluster at <c>/observer/</c>.
    /// </summary>
    /// <param name="node">The node whose cluster the pages show.</param>
    /// <param name="port">The TCP port; 0 picks a free one.</param>
    /// <param name="options">The observer's options; defaults when null.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>The running observer, with its URL and access token; dispose it to stop the server.</returns>
    public static async Task<ObserverHost> StartObserverAsync(this Node node, int port = 0, ObserverOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        options = (options ?? new ObserverOptions()).Validated();

        // No arguments, no environment: the observer listens where its options say, nowhere else.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Typed.Observer" });
        builder.Services.AddRoutingCore();
        // The observer logs where the node logs (its actions and refusals included).
        if (node.Services.GetService<ILoggerFactory>() is { } loggers)
        {
            builder.Services.AddSingleton(loggers);
        }
        else
        {
            builder.Services.AddLogging();
        }
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(options.ListenAddress, port));
        var app = builder.Build();
        app.UseRouting();
        var endpoints = app.MapTypedObserver("/observer", node, options);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ObserverHost(app, new Uri(new Uri(address.Replace("[::]", "[::1]", StringComparison.Ordinal)), "/observer/"), endpoints.AccessToken);
    }
}
