namespace Typed;

/// <summary>
/// A node's view of its cluster: the nodes it expects (<see cref="ClusterOptions.ExpectedNodes"/>), those
/// it sees, those missing, and changes as they happen: nodes joining and leaving, a partition detected
/// when a whole node loses an expected one, healed when all are back, at which point the global
/// registry synchronizes by itself (Erlang's <c>monitor_nodes</c> and <c>global:sync()</c> in one).
/// </summary>
/// <remarks>
/// Design note. "Partitioned" means a node that has been whole (every expected node connected) and no
/// longer is: a node still starting is not partitioned, only incomplete (<see cref="IsWhole"/> false,
/// <see cref="WaitUntilWholeAsync"/>). The view is this node's alone: two sides of a partition each see
/// the other missing. Observers are called on the thread that saw the connection change, outside any lock.
/// </remarks>
public sealed class ClusterMembership
{
    readonly Node _node;
    readonly Lock _gate = new();
    readonly List<Action<ClusterChange>> _observers = [];
    readonly HashSet<string> _expected;
    TaskCompletionSource _whole = new(SimulationContext.SourceOptions);
    bool _wasWhole;
    bool _partitioned;
    IReadOnlyList<string> _missingAtDetection = [];

    internal ClusterMembership(Node node)
    {
        _node = node;
        _expected = new HashSet<string>(node.Options.Cluster.ExpectedNodes, StringComparer.Ordinal);
        node.MonitorNodes(up => Changed(new NodeJoined(up.Node)), down => Changed(new NodeLeft(down.Node, down.Reason, down.Kind)));
        Changed(null);
    }

    /// <summary>The expected nodes other than this one, in name order.</summary>
    public IReadOnlyList<string> Expected
    {
        get
        {
            lock (_gate)
            {
                return [.. _expected.Where(n => n != _node.Name).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="nodes"/> to those this node expects (beyond <see cref="ClusterOptions.ExpectedNodes"/>
    /// it started with): a cluster that grows, or names learnt from discovery at run time. Whole,
    /// partitioned and majority are judged against the new set at once.
    /// </summary>
    /// <param name="nodes">Full node names (<c>name@host</c>).</param>
    /// <exception cref="ArgumentException">A name is not a node name.</exception>
    public void Expect(params IEnumerable<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        string[] names = [.. nodes];
        foreach (var name in names)
        {
            if (!Distribution.Protocol.NodeNames.IsValid(name))
            {
                throw new ArgumentException($"'{name}' is not a node name: use name@host", nameof(nodes));
            }
        }

        lock (_gate)
        {
            _expected.UnionWith(names);
        }

        Changed(null);
    }

    /// <summary>This node and the visible nodes connected to it, in name order.</summary>
    public IReadOnlyList<string> Members => [.. _node.Nodes.Append(_node.Name).Order(StringComparer.Ordinal)];

    /// <summary>The expected nodes not connected now, in name order.</summary>
    public IReadOnlyList<string> Missing
    {
        get
        {
            var seen = _node.Nodes;
            return [.. Expected.Where(n => !seen.Contains(n))];
        }
    }

    /// <summary>
    /// True while this node and the expected nodes connected to it are more than half of the expected
    /// cluster (this node and <see cref="Expected"/>): the side of a partition that may go on deciding.
    /// A node that expects no other is always a majority of one.
    /// </summary>
    public bool HasMajority
    {
        get
        {
            var expected = Expected.Count;
            var connected = expected - Missing.Count;
            return 2 * (connected + 1) > expected + 1;
        }
    }

    /// <summary>True while every expected node is connected.</summary>
    public bool IsWhole => Missing.Count == 0;

    /// <summary>True when this node has been whole and has lost an expected node since (until they are all back).</summary>
    public bool IsPartitioned
    {
        get
        {
            lock (_gate)
            {
                return _partitioned;
            }
        }
    }

    /// <summary>Calls <paramref name="observer"/> with each change from now on, until the returned handle is disposed.</summary>
    /// <param name="observer">Called on the thread that saw the change; keep it short.</param>
    public IDisposable Subscribe(Action<ClusterChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    /// <summary>Waits until every expected node is connected (at once if they are).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task WaitUntilWholeAsync(CancellationToken cancellationToken = default)
    {
        Task whole;
        lock (_gate)
        {
            whole = _whole.Task;
        }

        return IsWhole ? Task.CompletedTask : whole.WaitAsync(cancellationToken);
    }

    void Changed(ClusterChange? change)
    {
        var missing = Missing;
        bool expected;
        lock (_gate)
        {
            expected = _expected.Count > 0;
        }

        List<ClusterChange> changes = change is null ? [] : [change];
        Action<ClusterChange>[] observers;
        var heal = false;
        TaskCompletionSource? whole = null;
        lock (_gate)
        {
            if (missing.Count == 0)
            {
                _wasWhole |= expected;
                whole = _whole;
                if (_partitioned)
                {
                    _partitioned = false;
                    _missingAtDetection = [];
                    changes.Add(new PartitionHealed());
                    heal = true;
                }
            }
            else
            {
                if (_whole.Task.IsCompleted)
                {
                    _whole = new TaskCompletionSource(SimulationContext.SourceOptions);
                }

                if (expected && _wasWhole && missing.Any(n => !_missingAtDetection.Contains(n)))
                {
                    _partitioned = true;
                    _missingAtDetection = missing;
                    changes.Add(new PartitionDetected(missing));
                }
            }

            observers = [.. _observers];
        }

        whole?.TrySetResult();
        if (heal)
        {
            _ = SyncAsync();
        }

        foreach (var c in changes)
        {
            foreach (var observer in observers)
            {
                observer(c);
            }
        }
    }

    async Task SyncAsync()
    {
        try
        {
            await _node.Global.SyncAsync().ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception ex) when (ex is TypedException or OperationCanceledException)
        {
            // The name server is restarting, or the node is stopping: the next heal syncs again.
        }
    }

    sealed class Subscription(ClusterMembership membership, Action<ClusterChange> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (membership._gate)
            {
                membership._observers.Remove(observer);
            }
        }
    }
}
