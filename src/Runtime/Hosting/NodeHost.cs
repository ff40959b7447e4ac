using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Typed.Diagnostics;

namespace Typed.Hosting;

/// <summary>
/// Owns the node of a host: starts it once (before any hosted service is built, through
/// <see cref="NodeStartingLifetime"/>, or as a hosted service when the host has no lifetime to wrap),
/// and stops it after every hosted service has stopped.
/// </summary>
internal sealed class NodeHost(IOptions<NodeOptions> options, IServiceProvider services) : IHostedService, IAsyncDisposable
{
    readonly Lock _gate = new();
    readonly TaskCompletionSource<Node> _ready = new(SimulationContext.SourceOptions);
    Task<Node>? _starting;
    Node? _node;
    int _stopped;
    ExitReason? _rootExit;

    /// <summary>Set when the host's lifetime starts and stops the node, so the hosted service leaves it alone.</summary>
    public bool OwnedByLifetime { get; set; }

    /// <summary>The running node.</summary>
    /// <exception cref="InvalidOperationException">The node has not started: the host has not started, or has no lifetime Typed could wrap.</exception>
    public Node Node => _node ?? throw new InvalidOperationException(
        "The Typed node has not started yet. It starts when the host starts, before hosted services are created, "
        + "when AddTyped is called after the host's lifetime is registered (Host.CreateApplicationBuilder, WebApplication.CreateBuilder "
        + "and HostBuilder.ConfigureServices all do). Resolve Node after IHost.StartAsync, or take INodeAccessor and await GetAsync().");

    /// <summary>The node if it has started, else null.</summary>
    public Node? Current => _node;

    /// <summary>Whether the node was started with a cookie (and so must listen for other nodes).</summary>
    public bool Distributed { get; private set; }

    /// <summary>Whether the node started and has not been stopped.</summary>
    public bool IsRunning => _node is not null && Volatile.Read(ref _stopped) == 0;

    /// <summary>The root supervisor's exit reason once it has exited (it gave up, or the node stopped); null while it runs or when there is none.</summary>
    public ExitReason? RootExit => Volatile.Read(ref _rootExit);

    /// <summary>Completes once the node has started (or fails as its start did); never starts it.</summary>
    public Task<Node> Ready => _ready.Task;

    /// <summary>Starts the node, once; later callers await the same start.</summary>
    public Task<Node> StartNodeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _starting ??= StartCoreAsync(cancellationToken);
        }
    }

    async Task<Node> StartCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            var node = await StartNodeCoreAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            _ready.TrySetResult(node);
            return node;
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    async Task<Node> StartNodeCoreAsync(CancellationToken cancellationToken)
    {
        var o = options.Value.Clone();
        o.Services ??= services;
        o.LoggerFactory ??= services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
        Distributed = o.Cookie is not null;
        var node = await Node.StartAsync(o, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        if (o.RootName is { } root && node.WhereIs(root) is { } pid)
        {
            _ = WatchRootAsync(node, pid);
        }

        _node = node;
        return node;
    }

    async Task WatchRootAsync(Node node, Pid root)
    {
        var reason = await node.WaitForExitAsync(root).ConfigureAwait(SimulationContext.Capture);
        Volatile.Write(ref _rootExit, reason);
    }

    /// <summary>Stops the node, once.</summary>
    public async Task StopNodeAsync(CancellationToken cancellationToken)
    {
        if (_node is { } node && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await node.StopAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => StartNodeAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) =>
        OwnedByLifetime ? Task.CompletedTask : StopNodeAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await StopNodeAsync(CancellationToken.None).ConfigureAwait(SimulationContext.Capture);
}
