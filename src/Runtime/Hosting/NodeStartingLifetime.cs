using Microsoft.Extensions.Hosting;

namespace Typed.Hosting;

/// <summary>
/// Wraps the host's lifetime so the node starts before the host builds its hosted services and stops
/// after they have all stopped. The generic host waits for <see cref="IHostLifetime.WaitForStartAsync"/>
/// before it resolves <c>IEnumerable&lt;IHostedService&gt;</c> and calls <see cref="IHostLifetime.StopAsync"/>
/// after stopping them, so a hosted service (a <c>BackgroundService</c>, a controller's dependency) can
/// take <see cref="Node"/> in its constructor and use it until its own stop. Akka.Hosting gets the same
/// effect by creating the actor system synchronously in its DI factory; a Typed node starts
/// asynchronously (it binds its listener and registers with the port mapper), and blocking on that in a
/// factory would be sync-over-async.
/// </summary>
internal sealed class NodeStartingLifetime(IHostLifetime inner, NodeHost host) : IHostLifetime
{
    public async Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        await inner.WaitForStartAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        await host.StartNodeAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await host.StopNodeAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        finally
        {
            await inner.StopAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
    }
}
