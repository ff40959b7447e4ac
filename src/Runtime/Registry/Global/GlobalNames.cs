using System.Collections.Immutable;
using Typed.Registry.Global;

namespace Typed;

/// <summary>
/// The cluster-wide name registry (Erlang's <c>global</c>), reached as <see cref="Node.Global"/>: a
/// name registered here names one process on every connected node. Lookups read this node's copy of
/// the table and cost no message; changes take a cluster lock on the name.
/// </summary>
/// <remarks>
/// A name goes when its process exits or its node goes down. When partitions that each registered a
/// name join again, the clash is settled by the registration's <see cref="GlobalResolve"/> rule.
/// </remarks>
public sealed class GlobalNames
{
    readonly Node _node;
    ImmutableDictionary<string, GlobalEntry> _names = ImmutableDictionary.Create<string, GlobalEntry>(StringComparer.Ordinal);
    long _nextOwner;

    internal GlobalNames(Node node) => _node = node;

    /// <summary>This node's copy of the table, as its name server last published it.</summary>
    internal ImmutableDictionary<string, GlobalEntry> Snapshot => Volatile.Read(ref _names);

    /// <summary>The names registered, as this node knows them, sorted (Erlang's <c>global:registered_names/0</c>).</summary>
    public IReadOnlyList<string> RegisteredNames => [.. Snapshot.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The process registered as <paramref name="name"/>, or null (Erlang's <c>global:whereis_name/1</c>; no message is sent).</summary>
    /// <param name="name">The global name.</param>
    public Pid? WhereIs(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Snapshot.TryGetValue(name, out var entry) ? entry.Pid : null;
    }

    /// <summary>
    /// A typed ref to the process registered as <paramref name="name"/>, looked up at every use
    /// (Erlang's <c>{global, Name}</c>): a call through it while no process holds the name fails
    /// with <see cref="ProcessExitedException"/> (<c>noproc</c>).
    /// </summary>
    /// <typeparam name="T">The behaviour the process is expected to have.</typeparam>
    /// <param name="name">The global name.</param>
    public ProcessRef<T> At<T>(string name)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new ProcessRef<T>(new GlobalAddress(_node, name));
    }

    /// <summary>
    /// Registers <paramref name="pid"/> as <paramref name="name"/> on every connected node (Erlang's
    /// <c>global:register_name/3</c>), under the name's cluster lock. Of any number of registrars
    /// racing for one name, exactly one succeeds.
    /// </summary>
    /// <param name="name">The global name.</param>
    /// <param name="pid">The process, on this node or another.</param>
    /// <param name="resolve">How a clash is settled if a partition registered the name too; <see cref="GlobalResolve.RandomExit"/> when null.</param>
    /// <param name="cancellationToken">Stops trying; the name may or may not have been registered on some nodes.</param>
    /// <returns>True when registered; false when the name is taken (by any process).</returns>
    /// <exception cref="ProcessExitedException">This node's name server is not running (its supervisor is restarting it); nothing was registered.</exception>
    public ValueTask<bool> RegisterAsync(string name, Pid pid, GlobalResolve? resolve = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (pid.IsEmpty)
        {
            throw new ArgumentException("An empty pid cannot be registered", nameof(pid));
        }

        var entry = Entry(name, pid, resolve);
        return LockedAsync(name, (nodes, holder) => holder.IsEmpty ? CommitAsync(nodes, entry, cancellationToken) : new(false), cancellationToken);
    }

    /// <summary>
    /// Registers <paramref name="pid"/> as <paramref name="name"/> whether or not the name is taken
    /// (Erlang's <c>global:re_register_name/3</c>); the process that held it keeps running, without it.
    /// </summary>
    /// <param name="name">The global name.</param>
    /// <param name="pid">The process.</param>
    /// <param name="resolve">How a clash is settled; <see cref="GlobalResolve.RandomExit"/> when null.</param>
    /// <param name="cancellationToken">Stops trying; the name may or may not have moved on some nodes.</param>
    /// <exception cref="ProcessExitedException">This node's name server is not running (its supervisor is restarting it); the name did not move.</exception>
    public async ValueTask ReRegisterAsync(string name, Pid pid, GlobalResolve? resolve = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (pid.IsEmpty)
        {
            throw new ArgumentException("An empty pid cannot be registered", nameof(pid));
        }

        var entry = Entry(name, pid, resolve);
        await LockedAsync(name, (nodes, _) => CommitAsync(nodes, entry, cancellationToken), cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>Removes <paramref name="name"/> on every connected node (Erlang's <c>global:unregister_name/1</c>).</summary>
    /// <param name="name">The global name.</param>
    /// <param name="cancellationToken">Stops trying; the name may or may not have gone on some nodes.</param>
    /// <returns>Whether the name was registered.</returns>
    /// <exception cref="ProcessExitedException">This node's name server is not running (its supervisor is restarting it); nothing was removed.</exception>
    public ValueTask<bool> UnregisterAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return LockedAsync(
            name,
            async (nodes, holder) =>
            {
                await ForEachAsync(nodes, n => Server(n).Remove(name, cancellationToken).AsTask()).ConfigureAwait(SimulationContext.Capture);
                return !holder.IsEmpty;
            },
            cancellationToken);
    }

    /// <summary>
    /// Exchanges tables with every connected node and waits until each has merged this node's and
    /// this node has merged theirs (Erlang's <c>global:sync/0</c>): afterwards a name registered
    /// anywhere before the call is known here, and clashes seen by the exchange are settled.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ProcessExitedException">This node's name server is not running (it crashed and its supervisor is restarting it).</exception>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        var local = Server(_node.Name);
        var mine = await local.Sync(new GlobalTable([], []), cancellationToken).ConfigureAwait(SimulationContext.Capture);
        await ForEachAsync(
            [.. _node.Nodes],
            async peer =>
            {
                var theirs = await Server(peer).Sync(mine, cancellationToken).ConfigureAwait(SimulationContext.Capture);
                await local.Sync(theirs, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            }).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>Called by the name server after each change.</summary>
    internal void Publish(ImmutableDictionary<string, GlobalEntry> names) => Volatile.Write(ref _names, names);

    ProcessRef<GlobalServer> Server(string node) => _node.At<GlobalServer>(GlobalServer.RegisteredName, node);

    static GlobalEntry Entry(string name, Pid pid, GlobalResolve? resolve)
    {
        resolve ??= GlobalResolve.RandomExit;
        return new GlobalEntry(name, pid, resolve.Kind, resolve.Resolver);
    }

    async ValueTask<bool> CommitAsync(string[] nodes, GlobalEntry entry, CancellationToken cancellationToken)
    {
        await ForEachAsync(nodes, n => Server(n).Commit(entry.Name, entry.Pid, entry.Resolve, entry.Resolver, cancellationToken).AsTask()).ConfigureAwait(SimulationContext.Capture);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="apply"/> holding the lock on <paramref name="name"/> on this node and every
    /// connected node (Erlang's <c>global:trans/2</c>), with the name's holder as those nodes see it.
    /// The locks are asked for on every node at once (one round trip, whatever the cluster's size); if
    /// one is busy, all that were granted are released and the round is tried again after a random
    /// pause that grows with each try (<c>global:set_lock</c>'s way: no one waits while holding).
    /// </summary>
    async ValueTask<bool> LockedAsync(string name, Func<string[], Pid, ValueTask<bool>> apply, CancellationToken cancellationToken)
    {
        var owner = _node.Name + "#" + Interlocked.Increment(ref _nextOwner).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string[] nodes = [.. _node.Nodes.Append(_node.Name).Order(StringComparer.Ordinal)];
            var locked = new List<string>(nodes.Length);
            var restarting = new List<string>();
            var holder = default(Pid);
            var busy = false;
            try
            {
                // Replies come back in node order, so the holder is the first granting node's view.
                var replies = await Task.WhenAll(nodes.Select(n => TryLockAsync(n, name, owner, cancellationToken))).ConfigureAwait(SimulationContext.Capture);
                Exception? failure = null;
                foreach (var (n, reply, error) in replies)
                {
                    if (error is not null)
                    {
                        // A node that is going, or whose name server is being restarted, learns the name
                        // when it meets us again, or from its new server's resync (and the push below,
                        // should that resync come before the change). This node's own server must
                        // answer, or nothing would be registered here: that failure goes to the caller.
                        if (IsGone(error) && n != _node.Name)
                        {
                            if (error is ProcessExitedException)
                            {
                                restarting.Add(n);
                            }
                        }
                        else
                        {
                            failure ??= error;
                        }
                    }
                    else if (!reply!.Granted)
                    {
                        busy = true;
                    }
                    else
                    {
                        locked.Add(n);
                        if (holder.IsEmpty)
                        {
                            holder = reply.Holder;
                        }
                    }
                }

                if (failure is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                }

                if (!busy)
                {
                    var result = await apply([.. locked], holder).ConfigureAwait(SimulationContext.Capture);
                    foreach (var n in restarting)
                    {
                        Server(_node.Name).Push(n);
                    }

                    return result;
                }
            }
            finally
            {
                foreach (var n in locked)
                {
                    Server(n).Unlock(name, owner);
                }
            }

            var pause = SimulationContext.Randomness.Next(1, 1 + Math.Min(250, 4 << Math.Min(attempt, 6)));
            await Task.Delay(TimeSpan.FromMilliseconds(pause), SimulationContext.Clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
    }

    /// <summary>Asks node <paramref name="node"/>'s name server for the lock; its answer, or why it gave none.</summary>
    async Task<(string Node, LockReply? Reply, Exception? Error)> TryLockAsync(string node, string name, string owner, CancellationToken cancellationToken)
    {
        try
        {
            return (node, await Server(node).TryLock(name, owner, cancellationToken).ConfigureAwait(SimulationContext.Capture), null);
        }
        catch (Exception ex)
        {
            return (node, null, ex);
        }
    }

    /// <summary>Runs <paramref name="step"/> for every node at once; a node that is gone is skipped.</summary>
    static async Task ForEachAsync(string[] nodes, Func<string, Task> step) =>
        await Task.WhenAll(nodes.Select(async n =>
        {
            try
            {
                await step(n).ConfigureAwait(SimulationContext.Capture);
            }
            catch (Exception ex) when (IsGone(ex))
            {
            }
        })).ConfigureAwait(SimulationContext.Capture);

    static bool IsGone(Exception ex) => ex is NodeDownException or ProcessExitedException or CallTimeoutException;
}
