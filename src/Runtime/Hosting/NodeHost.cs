using Microsoft.Extensions.Hosting;

namespace Typed.Hosting;

/// <summary>The hosted service that owns the node: starts it with the host, stops it within the host's shutdown.</summary>
internal sealed class NodeHost(NodeOptions options) : IHostedService
{
    Node? _node;

    public Node Node => _node ?? throw new InvalidOperationException("The Typed node starts with the host: resolve Node after the host has started");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _node = await Node.StartAsync(options, cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => _node?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
