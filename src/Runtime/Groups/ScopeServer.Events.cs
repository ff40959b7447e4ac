using System.Collections.Immutable;

namespace Typed.Groups;

/// <summary>Publishing the view readers see, and the subscriptions that get <see cref="GroupChanged"/> messages.</summary>
internal sealed partial class ScopeServer
{
    // Subscriptions by their ref, which is also this server's monitor on the subscriber.
    readonly Dictionary<MonitorRef, Subscription> _subscriptions = [];
    readonly Dictionary<string, List<Subscription>> _groupSubscribers = new(StringComparer.Ordinal);
    readonly List<Subscription> _scopeSubscribers = [];

    /// <summary>
    /// A local process subscribes to one group's changes (<c>pg:monitor/2</c>): the members now are the
    /// reply, every later change a message, with nothing lost or repeated in between.
    /// </summary>
    [Call]
    public GroupMonitor MonitorGroup(string group, Pid subscriber)
    {
        var subscription = Subscribe(subscriber, group);
        return new GroupMonitor(subscription.Ref, _view.Groups.TryGetValue(group, out var entry) ? entry.All : []);
    }

    /// <summary>A local process subscribes to every group of the scope (<c>pg:monitor_scope/1</c>).</summary>
    [Call]
    public ScopeMonitor MonitorScope(Pid subscriber)
    {
        var subscription = Subscribe(subscriber, null);
        return new ScopeMonitor(subscription.Ref, _view.Groups.ToImmutableDictionary(g => g.Key, g => g.Value.All, StringComparer.Ordinal));
    }

    /// <summary>Ends a subscription (<c>pg:demonitor/2</c>): no message for it follows.</summary>
    /// <returns>False when there was no such subscription (ended already, or its subscriber exited).</returns>
    [Call]
    public bool EndMonitor(MonitorRef monitor)
    {
        if (!_subscriptions.ContainsKey(monitor))
        {
            return false;
        }

        Context.Demonitor(monitor);
        Unsubscribe(monitor);
        return true;
    }

    Subscription Subscribe(Pid subscriber, string? group)
    {
        var subscription = new Subscription(Context.Monitor(subscriber), subscriber, group);
        _subscriptions[subscription.Ref] = subscription;
        if (group is null)
        {
            _scopeSubscribers.Add(subscription);
        }
        else
        {
            if (!_groupSubscribers.TryGetValue(group, out var list))
            {
                _groupSubscribers[group] = list = [];
            }

            list.Add(subscription);
        }

        _log.Monitoring(_scope, subscriber, group ?? "the scope", subscription.Ref);
        return subscription;
    }

    /// <summary>A Down nobody else claimed: a subscriber exited, or a subscription ended meanwhile.</summary>
    void SubscriberDown(MonitorRef monitor) => Unsubscribe(monitor);

    void Unsubscribe(MonitorRef monitor)
    {
        if (!_subscriptions.Remove(monitor, out var subscription))
        {
            return;
        }

        if (subscription.Group is null)
        {
            _scopeSubscribers.Remove(subscription);
        }
        else if (_groupSubscribers.TryGetValue(subscription.Group, out var list))
        {
            list.Remove(subscription);
            if (list.Count == 0)
            {
                _groupSubscribers.Remove(subscription.Group);
            }
        }

        _log.MonitorEnded(_scope, monitor, subscription.Subscriber);
    }

    /// <summary>One group changed: publish the new view, then tell its subscribers.</summary>
    void Changed(string group, GroupChange change, Pid[] pids) => Changed([(group, change, pids)]);

    /// <summary>Groups changed together (a sync, a lost peer): one publication, then one message per change and subscriber.</summary>
    void Changed(List<(string Group, GroupChange Change, Pid[] Pids)> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var groups = _view.Groups.ToBuilder();
        foreach (var group in changes.Select(c => c.Group).Distinct(StringComparer.Ordinal))
        {
            if (Entry(group) is { } entry)
            {
                groups[group] = entry;
            }
            else
            {
                groups.Remove(group);
            }
        }

        _view = new GroupsView(groups.ToImmutable());
        _table.Publish(_view);

        if (_subscriptions.Count == 0)
        {
            return;
        }

        foreach (var (group, change, pids) in changes)
        {
            IReadOnlyList<Pid> shared = ImmutableArray.Create(pids);
            foreach (var subscription in _scopeSubscribers)
            {
                Notify(subscription, group, change, shared);
            }

            if (_groupSubscribers.TryGetValue(group, out var list))
            {
                foreach (var subscription in list)
                {
                    Notify(subscription, group, change, shared);
                }
            }
        }
    }

    void Notify(Subscription subscription, string group, GroupChange change, IReadOnlyList<Pid> pids) =>
        Context.Node.Send(subscription.Subscriber, new GroupChanged(subscription.Ref, _scope, group, change, pids));

    /// <summary>A group's entry as the view shows it: local members first, then each peer's; null when it has none.</summary>
    GroupEntry? Entry(string group)
    {
        var local = _local.GetValueOrDefault(group);
        var all = ImmutableArray.CreateBuilder<Pid>();
        if (local is not null)
        {
            all.AddRange(local);
        }

        foreach (var peer in _peers.Values)
        {
            if (peer.Groups.TryGetValue(group, out var members))
            {
                all.AddRange(members);
            }
        }

        if (all.Count == 0)
        {
            return null;
        }

        return new GroupEntry(all.ToImmutable(), local is null ? ImmutableArray<Pid>.Empty : ImmutableArray.CreateRange(local));
    }

    /// <summary>A subscription: its ref (the monitor on its subscriber), the subscriber, and its group (null for the whole scope).</summary>
    sealed record Subscription(MonitorRef Ref, Pid Subscriber, string? Group);
}
