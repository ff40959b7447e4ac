using Typed.Distribution.Connections;
using Typed.Distribution.Protocol;

namespace Typed.Distribution.Kernel;

/// <summary>Node events and the full mesh of visible nodes.</summary>
internal sealed partial class NetKernel
{
    readonly List<Action<NodeUp>> _upObservers = [];
    readonly List<Action<NodeDown>> _downObservers = [];

    /// <summary>
    /// The nodes peers listed that this one is still trying to reach, each with its attempt (one per
    /// node however many peers list it). An attempt ends when the node connects
    /// (<see cref="EndMeshing"/>): the mesh asked for one connection, and a connection that goes down
    /// afterwards was taken down by something the mesh must not undo (a disconnect, a partition rule).
    /// </summary>
    readonly Dictionary<string, MeshAttempt> _meshing = new(StringComparer.Ordinal);

    public IDisposable MonitorNodes(Action<NodeUp>? up, Action<NodeDown>? down)
    {
        lock (_upObservers)
        {
            if (up is not null)
            {
                _upObservers.Add(up);
            }

            if (down is not null)
            {
                _downObservers.Add(down);
            }
        }

        return new Subscription(this, up, down);
    }

    void AnnounceUp(string node)
    {
        Action<NodeUp>[] observers;
        lock (_upObservers)
        {
            observers = [.. _upObservers];
        }

        var message = new NodeUp(node);
        foreach (var observer in observers)
        {
            observer(message);
        }
    }

    void AnnounceDown(string node, string reason, NodeDownKind kind)
    {
        Action<NodeDown>[] observers;
        lock (_upObservers)
        {
            observers = [.. _downObservers];
        }

        var message = new NodeDown(node, reason, kind);
        foreach (var observer in observers)
        {
            observer(message);
        }
    }

    /// <summary>Tells a new visible peer which visible nodes this one knows, so it can connect to them too.</summary>
    void SharePeers(Connection connection)
    {
        if (!Options.FullMesh || Options.Hidden || connection.PeerHidden)
        {
            return;
        }

        var others = VisibleNodes.Where(n => n != connection.Peer).ToArray();
        if (others.Length > 0)
        {
            connection.Enqueue(new PeersFrame(others));
        }
    }

    void IConnectionFrames.Peers(string peer, string[] nodes)
    {
        if (!Options.FullMesh || Options.Hidden || PeerConnection(peer) is not { PeerHidden: false })
        {
            return;
        }

        foreach (var node in nodes)
        {
            if (node == Name || PeerConnection(node) is not null)
            {
                continue;
            }

            MeshAttempt? attempt = null;
            lock (_meshing)
            {
                if (_meshing.TryGetValue(node, out var running))
                {
                    running.Listers.Add(peer);
                }
                else
                {
                    _meshing[node] = attempt = new MeshAttempt(peer);
                }
            }

            if (attempt is not null)
            {
                _ = MeshConnectAsync(node, attempt);
            }
        }
    }

    /// <summary>
    /// Ends the mesh's attempt to reach <paramref name="node"/>: whichever it is when the node has
    /// connected (<paramref name="attempt"/> null), or <paramref name="attempt"/> when it gives up.
    /// </summary>
    void EndMeshing(string node, MeshAttempt? attempt = null)
    {
        lock (_meshing)
        {
            if (attempt is null || _meshing.TryGetValue(node, out var owner) && owner == attempt)
            {
                _meshing.Remove(node);
            }
        }
    }

    /// <summary>Whether <paramref name="attempt"/> should go on: not ended, and a peer that listed the node is still connected.</summary>
    bool StillMeshing(string node, MeshAttempt attempt)
    {
        string[] listers;
        lock (_meshing)
        {
            if (!_meshing.TryGetValue(node, out var owner) || owner != attempt)
            {
                return false;
            }

            listers = [.. attempt.Listers];
        }

        return Array.Exists(listers, lister => PeerConnection(lister) is not null);
    }

    /// <summary>
    /// Connects to a node peers listed, trying again a few times with growing, jittered pauses while it
    /// is not connected and a peer that listed it still is: a node admits a bounded number of
    /// handshakes at once (<see cref="DistributionOptions.MaxPendingHandshakes"/>) and refuses the rest,
    /// and when many nodes join at once the mesh would otherwise stay short of whole for good. One
    /// attempt per node, however many peers list it; once the node has connected, by this attempt or any
    /// other way, the attempt ends and never dials it again.
    /// </summary>
    async Task MeshConnectAsync(string node, MeshAttempt attempt)
    {
        try
        {
            await MeshDialAsync(node, attempt).ConfigureAwait(SimulationContext.Capture);
        }
        finally
        {
            EndMeshing(node, attempt);
        }
    }

    async Task MeshDialAsync(string node, MeshAttempt attempt)
    {
        const int attempts = 6;
        for (var tries = 0; tries < attempts && !_stopping.IsCancellationRequested; tries++)
        {
            if (tries > 0)
            {
                var pause = TimeSpan.FromMilliseconds((50 << tries) * (0.5 + SimulationContext.Randomness.NextDouble()));
                try
                {
                    await Task.Delay(pause, SimulationContext.Clock, _stopping.Token).ConfigureAwait(SimulationContext.Capture);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (!StillMeshing(node, attempt))
                {
                    return;
                }
            }

            if (PeerConnection(node) is not null || await ConnectAsync(node, CancellationToken.None).ConfigureAwait(SimulationContext.Capture) is not null)
            {
                return;
            }
        }
    }

    /// <summary>The mesh's attempt to reach one node, and the peers that listed it (guarded by <see cref="_meshing"/>).</summary>
    sealed class MeshAttempt(string lister)
    {
        public HashSet<string> Listers { get; } = new(StringComparer.Ordinal) { lister };
    }

    sealed class Subscription(NetKernel kernel, Action<NodeUp>? up, Action<NodeDown>? down) : IDisposable
    {
        public void Dispose()
        {
            lock (kernel._upObservers)
            {
                if (up is not null)
                {
                    kernel._upObservers.Remove(up);
                }

                if (down is not null)
                {
                    kernel._downObservers.Remove(down);
                }
            }
        }
    }
}
