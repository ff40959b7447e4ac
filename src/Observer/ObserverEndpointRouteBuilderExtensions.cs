using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Typed.Hosting;

namespace Typed.Observer;

/// <summary>Maps the observer's pages into an ASP.NET Core app.</summary>
public static class ObserverEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the observer under <paramref name="pattern"/>, for the node the app's services run
    /// (<c>AddTyped</c>): pages, a live feed (Server-Sent Events) and the actions. Only loopback clients
    /// are answered unless <see cref="ObserverOptions.AllowRemoteClients"/> is set; actions need the
    /// access token (<see cref="ObserverEndpoints.AccessToken"/>, also logged once at startup).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the pages go, for example <c>/observer</c>.</param>
    /// <param name="options">The observer's options; defaults when null.</param>
    /// <returns>The mapped endpoints, with the access token.</returns>
    public static ObserverEndpoints MapTypedObserver(this IEndpointRouteBuilder endpoints, string pattern = "/observer", ObserverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var accessor = endpoints.ServiceProvider.GetService<INodeAccessor>()
            ?? throw new InvalidOperationException("No Typed node in the app's services: call services.AddTyped(...) first, or pass the node to MapTypedObserver");
        return Map(endpoints, pattern, accessor.GetAsync, options);
    }

    /// <summary>Serves the observer of <paramref name="node"/> under <paramref name="pattern"/>; see <see cref="MapTypedObserver(IEndpointRouteBuilder, string, ObserverOptions?)"/>.</summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">Where the pages go, for example <c>/observer</c>.</param>
    /// <param name="node">The node whose cluster the pages show.</param>
    /// <param name="options">The observer's options; defaults when null.</param>
    /// <returns>The mapped endpoints, with the access token.</returns>
    public static ObserverEndpoints MapTypedObserver(this IEndpointRouteBuilder endpoints, string pattern, Node node, ObserverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(node);
        return Map(endpoints, pattern, _ => Task.FromResult(node), options);
    }

    static ObserverEndpoints Map(IEndpointRouteBuilder endpoints, string pattern, Func<CancellationToken, Task<Node>> node, ObserverOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        options = (options ?? new ObserverOptions()).Validated();
        pattern = "/" + pattern.Trim('/');
        var token = options.AccessToken ?? RandomNumberGenerator.GetHexString(32, lowercase: true);
        var api = new ObserverApi(node, options, token);
        var group = endpoints.MapGroup(pattern);
        api.Map(group, pattern);
        var log = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("Typed.Observer");
        if (log is not null && options.AllowActions)
        {
            ObserverLog.Mapped(log, pattern, options.AccessToken is null ? token : "(the one configured)");
        }

        return new ObserverEndpoints(group, pattern, token);
    }
}
