using Typed.Groups;

namespace Typed;

/// <summary>Watching memberships change: monitors that send messages to a process (pg's), and callbacks.</summary>
public sealed partial class ProcessGroups
{
    /// <summary>
    /// Subscribes the local process <paramref name="subscriber"/> to the membership changes of
    /// <paramref name="group"/> (<c>pg:monitor/2</c>): the result holds the members now; every later
    /// change arrives at its <c>[Info]</c> handler as a <see cref="GroupChanged"/> carrying the result's
    /// <see cref="GroupMonitor.Ref"/>, none lost or repeated in between. It ends with
    /// <see cref="DemonitorAsync(MonitorRef)"/> or when the subscriber exits.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="subscriber">A process of this node, usually the caller's <c>Context.Self</c>.</param>
    /// <exception cref="ArgumentException">The subscriber is empty or on another node.</exception>
    public ValueTask<GroupMonitor> MonitorAsync(string group, Pid subscriber)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        CheckLocal(subscriber, nameof(subscriber));
        return MonitorGroupAsync(group, subscriber);
    }

    async ValueTask<GroupMonitor> MonitorGroupAsync(string group, Pid subscriber)
    {
        var server = await ServerAsync().ConfigureAwait(SimulationContext.Capture);
        return await server.MonitorGroup(group, subscriber).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>
    /// Subscribes the local process <paramref name="subscriber"/> to the changes of every group of the
    /// scope (<c>pg:monitor_scope/1</c>): the result holds the groups now, each later change arrives as a
    /// <see cref="GroupChanged"/>.
    /// </summary>
    /// <param name="subscriber">A process of this node.</param>
    /// <exception cref="ArgumentException">The subscriber is empty or on another node.</exception>
    public ValueTask<ScopeMonitor> MonitorScopeAsync(Pid subscriber)
    {
        CheckLocal(subscriber, nameof(subscriber));
        return MonitorScopeCoreAsync(subscriber);
    }

    async ValueTask<ScopeMonitor> MonitorScopeCoreAsync(Pid subscriber)
    {
        var server = await ServerAsync().ConfigureAwait(SimulationContext.Capture);
        return await server.MonitorScope(subscriber).ConfigureAwait(SimulationContext.Capture);
    }

    /// <summary>
    /// Calls <paramref name="onChanged"/> with each later change of <paramref name="group"/>'s membership,
    /// until the result is disposed: the callback form of <see cref="MonitorAsync(string, Pid)"/>, for code
    /// that is not a process. The callbacks run one at a time, in a process of their own.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="onChanged">Called with each change; if it throws, the subscription ends.</param>
    /// <returns>The subscription, holding the group's members when it began.</returns>
    public async ValueTask<GroupSubscription> SubscribeAsync(string group, Action<GroupChanged> onChanged)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        var subscription = StartObserver(onChanged);
        try
        {
            var monitor = await MonitorGroupAsync(group, subscription.Observer).ConfigureAwait(SimulationContext.Capture);
            subscription.Ref = monitor.Ref;
            subscription.Groups = monitor.Members.Count == 0
                ? new Dictionary<string, IReadOnlyList<Pid>>(StringComparer.Ordinal)
                : new Dictionary<string, IReadOnlyList<Pid>>(StringComparer.Ordinal) { [group] = monitor.Members };
            return subscription;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Calls <paramref name="onChanged"/> with each later change of any group of the scope, until the
    /// result is disposed: the callback form of <see cref="MonitorScopeAsync(Pid)"/>.
    /// </summary>
    /// <param name="onChanged">Called with each change; if it throws, the subscription ends.</param>
    /// <returns>The subscription, holding the scope's groups when it began.</returns>
    public async ValueTask<GroupSubscription> SubscribeScopeAsync(Action<GroupChanged> onChanged)
    {
        var subscription = StartObserver(onChanged);
        try
        {
            var monitor = await MonitorScopeCoreAsync(subscription.Observer).ConfigureAwait(SimulationContext.Capture);
            subscription.Ref = monitor.Ref;
            subscription.Groups = monitor.Groups;
            return subscription;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>Ends a subscription (<c>pg:demonitor/2</c>): no <see cref="GroupChanged"/> for it is sent after this returns.</summary>
    /// <param name="monitor">The <see cref="GroupMonitor.Ref"/> or <see cref="ScopeMonitor.Ref"/>.</param>
    /// <returns>False when it had already ended.</returns>
    public async ValueTask<bool> DemonitorAsync(MonitorRef monitor)
    {
        var server = await ServerAsync().ConfigureAwait(SimulationContext.Capture);
        return await server.EndMonitor(monitor).ConfigureAwait(SimulationContext.Capture);
    }

    GroupSubscription StartObserver(Action<GroupChanged> onChanged)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var subscription = new GroupSubscription(_node, onChanged);
        var observer = _node.SpawnCell(
            GroupObserver.Messages.Descriptor,
            null,
            null,
            null,
            beforeStart: cell => ((GroupObserver)cell.Behaviour!).Subscription = subscription);
        subscription.Observer = observer.Self;
        return subscription;
    }
}
