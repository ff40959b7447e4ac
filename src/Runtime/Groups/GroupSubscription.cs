namespace Typed;

/// <summary>
/// A callback subscription to a group's or a scope's membership changes, from
/// <see cref="ProcessGroups.SubscribeAsync(string, Action{GroupChanged})"/> or
/// <see cref="ProcessGroups.SubscribeScopeAsync(Action{GroupChanged})"/>. Dispose it to stop the callbacks.
/// </summary>
/// <remarks>
/// The callback runs in a process of its own, one change at a time, in the order the scope server
/// saw them. If it throws, that process crashes (logged with the exception) and the subscription ends.
/// </remarks>
public sealed class GroupSubscription : IDisposable
{
    readonly Node _node;
    readonly Action<GroupChanged> _onChanged;
    int _disposed;

    internal GroupSubscription(Node node, Action<GroupChanged> onChanged)
    {
        _node = node;
        _onChanged = onChanged;
    }

    /// <summary>The subscription's reference, carried by every <see cref="GroupChanged"/> it delivers.</summary>
    public MonitorRef Ref { get; internal set; }

    /// <summary>
    /// The memberships when the subscription began: the watched group (absent if it had no members), or
    /// every group of the scope. Each later change is a callback.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Pid>> Groups { get; internal set; } = new Dictionary<string, IReadOnlyList<Pid>>();

    /// <summary>The process that runs the callback.</summary>
    internal Pid Observer { get; set; }

    /// <summary>Stops the callbacks: none starts after this returns. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && !Observer.IsEmpty)
        {
            // Its exit ends the subscription at the scope server, as any subscriber's exit does.
            _node.Exit(Observer, ExitReason.Shutdown);
        }
    }

    internal void Deliver(GroupChanged changed)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _onChanged(changed);
        }
    }
}
