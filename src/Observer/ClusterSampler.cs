using System.Diagnostics;
using Typed.Introspection;
using Typed.Observer.Views;

namespace Typed.Observer;

/// <summary>
/// Puts together views of the cluster for every open page: asks each node it can see (itself,
/// <see cref="Node.Nodes"/> and <see cref="Node.HiddenNodes"/>) for its snapshot through the cluster's introspection service, in parallel,
/// and works out each connection's rates from the previous view.
/// </summary>
/// <remarks>
/// Design note. Pages share views: a view younger than half the refresh interval is handed out again,
/// and a view being put together is awaited rather than started twice, so ten open pages cost the
/// cluster what one does. A node that does not answer within the snapshot timeout is shown
/// unreachable with the reason; it never holds up the others. Nothing runs while no page is open.
/// </remarks>
internal sealed class ClusterSampler(Node node, ObserverOptions options)
{
    readonly Lock _gate = new();
    readonly Dictionary<(string Node, string Peer), (long At, ConnectionSnapshot Stats)> _previous = [];
    Task<ClusterView>? _pending;
    ClusterView? _latest;
    long _latestAt;

    public Node Node => node;

    /// <summary>A view no older than half the refresh interval.</summary>
    public Task<ClusterView> SampleAsync()
    {
        lock (_gate)
        {
            if (_latest is { } latest && Stopwatch.GetElapsedTime(_latestAt) < options.RefreshInterval / 2)
            {
                return Task.FromResult(latest);
            }

            // Started on the pool, so it cannot finish (and clear _pending) before it is stored.
            return _pending ??= Task.Run(TakeAsync);
        }
    }

    async Task<ClusterView> TakeAsync()
    {
        try
        {
            // Hidden connections too: an observer on a hidden node (Erlang's habit) sees the nodes it dialled.
            var hidden = node.HiddenNodes.ToHashSet(StringComparer.Ordinal);
            string[] names = [node.Name, .. node.Nodes.Concat(hidden).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            var nodes = await Task.WhenAll(names.Select(name => AskAsync(name, hidden.Contains(name)))).ConfigureAwait(false);
            var view = new ClusterView(node.Name, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), options.AllowActions, nodes);
            lock (_gate)
            {
                _latest = view;
                _latestAt = Stopwatch.GetTimestamp();
            }

            return view;
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }
    }

    async Task<NodeView> AskAsync(string name, bool hidden)
    {
        try
        {
            var snapshot = await node.IntrospectAsync(name, options.MaxProcessesPerNode, options.SnapshotTimeout).ConfigureAwait(false);
            return new NodeView(name, hidden, true, null, snapshot, Rates(snapshot));
        }
        catch (TypedException ex)
        {
            return new NodeView(name, hidden, false, ex.Message, null, []);
        }
    }

    ConnectionRate[] Rates(NodeSnapshot snapshot)
    {
        var now = Stopwatch.GetTimestamp();
        var rates = new ConnectionRate[snapshot.Connections.Length];
        lock (_gate)
        {
            for (var i = 0; i < rates.Length; i++)
            {
                var c = snapshot.Connections[i];
                var key = (snapshot.Node, c.Peer);
                rates[i] = _previous.TryGetValue(key, out var before) && Stopwatch.GetElapsedTime(before.At, now).TotalSeconds is var seconds and > 0
                    ? new ConnectionRate(
                        c.Peer,
                        PerSecond(c.BytesSent, before.Stats.BytesSent, seconds),
                        PerSecond(c.BytesReceived, before.Stats.BytesReceived, seconds),
                        PerSecond(c.FramesSent, before.Stats.FramesSent, seconds),
                        PerSecond(c.FramesReceived, before.Stats.FramesReceived, seconds))
                    : new ConnectionRate(c.Peer, 0, 0, 0, 0);
                _previous[key] = (now, c);
            }

            // Connections that are gone (or came up again: their counters start over) are forgotten.
            foreach (var stale in _previous.Keys.Where(k => k.Node == snapshot.Node && !snapshot.Connections.Any(c => c.Peer == k.Peer)).ToArray())
            {
                _previous.Remove(stale);
            }
        }

        return rates;
    }

    // A connection that came up again starts from zero: no negative rate.
    static double PerSecond(long now, long before, double seconds) => now >= before ? Math.Round((now - before) / seconds, 1) : 0;
}
