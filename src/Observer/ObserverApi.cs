using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Typed.Observer.Views;

namespace Typed.Observer;

/// <summary>
/// The observer's HTTP surface under its pattern: the page's files, the cluster view as JSON, the live
/// feed (Server-Sent Events) and the actions (<see cref="ObserverApi"/>'s other part).
/// </summary>
/// <remarks>
/// Design note. Every request goes through <see cref="Guard"/>: clients other than loopback are
/// refused unless allowed; responses forbid framing and scripts from elsewhere (a strict content
/// security policy: the page runs only its own file). Nothing a request carries is executed: views
/// are read-only, and the three actions take a pid and a child id or reason as data, behind the
/// access token in a custom header (which a cross-site form cannot send).
/// </remarks>
internal sealed partial class ObserverApi(Func<CancellationToken, Task<Node>> nodeSource, ObserverOptions options, string token)
{
    const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static readonly byte[] s_eventStart = "event: view\ndata: "u8.ToArray();
    static readonly byte[] s_eventEnd = "\n\n"u8.ToArray();

    ClusterSampler? _sampler;

    public void Map(RouteGroupBuilder group, string pattern)
    {
        // The page uses relative addresses: it must be served from "<pattern>/".
        // Routing matches "<pattern>" and "<pattern>/" alike.
        group.MapGet("/", Guard(context =>
        {
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                context.Response.Redirect(context.Request.PathBase + pattern + "/");
                return Task.CompletedTask;
            }

            return ServeFile(context, "index.html");
        }));
        // Only the page's embedded files are served, by exact name.
        group.MapGet("/{file}", Guard(context => ServeFile(context, (string)context.Request.RouteValues["file"]!)));
        group.MapGet("/api/view", Guard(ServeViewAsync));
        group.MapGet("/api/events", Guard(ServeEventsAsync));
        group.MapPost("/api/exit", Guard(ExitAsync));
        group.MapPost("/api/terminate-child", Guard(context => ChildActionAsync(context, terminate: true)));
        group.MapPost("/api/restart-child", Guard(context => ChildActionAsync(context, terminate: false)));
    }

    RequestDelegate Guard(RequestDelegate handler) => context =>
    {
        if (!options.AllowRemoteClients && Refusal(context) is { } why)
        {
            ObserverLog.Refused(Log(context), context.Connection.RemoteIpAddress?.ToString() ?? "?", why);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return handler(context);
    };

    /// <summary>
    /// Why a request is refused when only loopback is allowed: a client on another address, or a page
    /// that reached loopback under another host name (DNS rebinding: a site whose name was pointed at
    /// 127.0.0.1 would otherwise read the views as its own origin). Null when it is answered.
    /// </summary>
    static string? Refusal(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            return "not a loopback client";
        }

        var host = context.Request.Host.Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))
            ? null
            : "a host name other than localhost or a loopback address";
    }

    static Task ServeFile(HttpContext context, string name)
    {
        if (!StaticAssets.TryGet(name, out var content, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    async Task ServeViewAsync(HttpContext context)
    {
        var sampler = await SamplerAsync(context.RequestAborted).ConfigureAwait(false);
        var view = await sampler.SampleAsync().WaitAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, view, ObserverJsonContext.Default.ClusterView, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The live feed: one <c>view</c> event per refresh interval until the page goes or the app stops.</summary>
    async Task ServeEventsAsync(HttpContext context)
    {
        // The app's stopping ends the feed too, so an open page never holds a shutdown up.
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            var sampler = await SamplerAsync(cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(options.RefreshInterval);
            do
            {
                var view = await sampler.SampleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
                var json = JsonSerializer.SerializeToUtf8Bytes(view, ObserverJsonContext.Default.ClusterView);
                await response.Body.WriteAsync(s_eventStart, cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync(s_eventEnd, cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away, or the app is stopping.
        }
    }

    async ValueTask<ClusterSampler> SamplerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _sampler) is { } sampler)
        {
            return sampler;
        }

        var node = await nodeSource(cancellationToken).ConfigureAwait(false);
        Interlocked.CompareExchange(ref _sampler, new ClusterSampler(node, options), null);
        return _sampler;
    }

    static ILogger Log(HttpContext context) =>
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Typed.Observer") ?? NullLogger.Instance;
}
