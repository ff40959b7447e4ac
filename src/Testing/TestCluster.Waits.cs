using System.Text;

namespace Typed.Testing;

// TestCluster: waits for the cluster to agree, whose timeouts say what each node sees.
public sealed partial class TestCluster
{
    /// <summary>
    /// Connects every live node to every other and waits until each sees all the others, trying a pair
    /// again while it is not connected (a connection that was just cut may still be closing on one side).
    /// </summary>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Some pair did not connect in time (the message says who sees whom).</exception>
    public Task ConnectAllAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            async () =>
            {
                var nodes = Nodes;
                var whole = true;
                foreach (var a in nodes)
                {
                    foreach (var b in nodes)
                    {
                        if (!ReferenceEquals(a, b) && !a.Nodes.Contains(b.Name))
                        {
                            whole &= await a.ConnectAsync(b.Name, cancellationToken).ConfigureAwait(SimulationContext.Capture) && a.Nodes.Contains(b.Name);
                        }
                    }
                }

                return whole && nodes.All(a => nodes.All(b => ReferenceEquals(a, b) || a.Nodes.Contains(b.Name)));
            },
            "every node connects to every other",
            timeout,
            cancellationToken);

    /// <summary>Waits until every live node sees every other live node.</summary>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">The mesh was not whole in time.</exception>
    public Task WaitForMeshAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(
            () =>
            {
                var nodes = Nodes;
                return nodes.All(a => nodes.All(b => ReferenceEquals(a, b) || a.Nodes.Contains(b.Name)));
            },
            "every node sees every other",
            timeout,
            cancellationToken);

    /// <summary>Waits until no live node sees <paramref name="node"/> (a killed node, or one cut off).</summary>
    /// <param name="node">The node's full name.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">Some node still saw it.</exception>
    public Task WaitForNodeDownAsync(string node, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(() => Nodes.All(n => !n.Nodes.Contains(node)), $"no node sees {node}", timeout, cancellationToken);

    /// <summary>Waits until every live node has <paramref name="name"/> in the global registry, registered to the same pid.</summary>
    /// <param name="name">The global name.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The pid every node agrees on.</returns>
    /// <exception cref="TimeoutException">The nodes did not agree in time.</exception>
    public async Task<Pid> WaitForGlobalNameAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Pid agreed = default;
        await WaitUntilAsync(
            () =>
            {
                var seen = Nodes.Select(n => n.Global.WhereIs(name)).Distinct().ToList();
                if (seen is [{ } pid])
                {
                    agreed = pid;
                    return true;
                }

                return false;
            },
            $"every node has the global name {name} for the same pid",
            timeout,
            cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return agreed;
    }

    /// <summary>Waits until every live node sees the same <paramref name="count"/> members of <paramref name="group"/> (default scope).</summary>
    /// <param name="group">The process group.</param>
    /// <param name="count">How many members every node should see.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The members, ordered by node name, then pid number.</returns>
    /// <exception cref="TimeoutException">The nodes did not converge in time.</exception>
    public async Task<IReadOnlyList<Pid>> WaitForGroupAsync(string group, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Pid> agreed = [];
        await WaitUntilAsync(
            () =>
            {
                var views = Nodes.Select(n => n.Groups.GetMembers(group).OrderBy(p => p.Node, StringComparer.Ordinal).ThenBy(p => p.Id).ToList()).ToList();
                if (views.Count > 0 && views[0].Count == count && views.All(v => v.SequenceEqual(views[0])))
                {
                    agreed = views[0];
                    return true;
                }

                return false;
            },
            $"every node sees the same {count} members of group {group}",
            timeout,
            cancellationToken).ConfigureAwait(SimulationContext.Capture);
        return agreed;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every few milliseconds.</summary>
    /// <param name="condition">What should become true.</param>
    /// <param name="what">Says what is awaited, for the exception.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">It did not hold in time; the message says what each node sees.</exception>
    public Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), what, timeout, cancellationToken);
    }

    /// <summary>Waits until <paramref name="condition"/> (a call to a process, say) returns true, asking every few milliseconds.</summary>
    /// <param name="condition">What should become true.</param>
    /// <param name="what">Says what is awaited, for the exception.</param>
    /// <param name="timeout">How long to wait; the options' <see cref="TestClusterOptions.Timeout"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">It did not hold in time; the message says what each node sees.</exception>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? _options.Timeout;
        var clock = SimulationContext.Clock;
        var started = clock.GetTimestamp();
        while (!await condition().ConfigureAwait(SimulationContext.Capture))
        {
            if (clock.GetElapsedTime(started) >= limit)
            {
                throw new TimeoutException($"{what}: not within {limit.TotalSeconds:0.###} s. {Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
    }

    /// <summary>Who sees whom, one line per node, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            foreach (var member in _members)
            {
                text.Append(member.Name).Append(member.Node is { } node ? $" sees [{string.Join(", ", node.Nodes.Order(StringComparer.Ordinal))}]" : " is down").Append("; ");
            }
        }

        return text.ToString().TrimEnd(' ', ';');
    }
}
