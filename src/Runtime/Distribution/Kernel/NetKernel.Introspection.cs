using Typed.Distribution.Connections;
using Typed.Introspection;

namespace Typed.Distribution.Kernel;

/// <summary>What the observer reads of the kernel: its live connections.</summary>
internal sealed partial class NetKernel
{
    /// <summary>Every connection that is up (visible and hidden), by peer name.</summary>
    public ConnectionSnapshot[] ConnectionSnapshots()
    {
        Connection[] connections;
        lock (_peers)
        {
            connections = [.. _peers.Values.Select(p => p.Connection).OfType<Connection>()];
        }

        return [.. connections.Where(c => !c.IsClosed).Select(c => c.Snapshot()).OrderBy(c => c.Peer, StringComparer.Ordinal)];
    }
}
