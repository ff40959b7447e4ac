using Typed.Introspection;
using Typed.Routing;

namespace Typed.Processes;

/// <summary>What the observer reads of a cell: a snapshot of its links and monitors, and counters its loop keeps.</summary>
internal sealed partial class ProcessCell
{
    // Written by the thread running the loop only; read anywhere as a snapshot.
    long _handled;

    // A supervisor's restarts per child id and the reason of the last one; touched only on the
    // supervisor's own flow (its restarts and its describe request both run in its handler).
    Dictionary<string, (int Count, string? Reason)>? _childRestarts;

    /// <summary>Messages its handlers have taken since the process started.</summary>
    internal long MessagesHandled => Volatile.Read(ref _handled);

    /// <summary>Counts one handled message. Call: the loop, as it hands a message to the handler.</summary>
    void CountHandled() => Volatile.Write(ref _handled, _handled + 1);

    /// <summary>
    /// Counts one restart of the child <paramref name="id"/> of this supervisor, with the exit reason of
    /// the message being handled when that is the exit signal that caused it. Call: on the supervisor's
    /// own flow, where it restarts a child.
    /// </summary>
    internal void CountChildRestart(string id)
    {
        var restarts = _childRestarts ??= new(StringComparer.Ordinal);
        var before = restarts.GetValueOrDefault(id);
        var reason = _current.Message is ExitSignal exit ? exit.Reason.ToString() : before.Reason;
        restarts[id] = (before.Count + 1, reason);
    }

    /// <summary>How many times the child <paramref name="id"/> was restarted, and why the last time. Call: on the supervisor's own flow.</summary>
    internal (int Count, string? Reason) ChildRestarts(string id) => _childRestarts?.GetValueOrDefault(id) ?? default;

    /// <summary>The process as the observer shows it, read under the cell's lock.</summary>
    internal ProcessSnapshot Snapshot()
    {
        Pid[] links, monitors, monitoredBy;
        string? name;
        lock (this)
        {
            name = _name;
            links = _links is null ? [] : [.. _links];
            monitors = _watching is null ? [] : [.. _watching.Values.Distinct()];
            monitoredBy = _watchers is null ? [] : [.. _watchers.Values.Select(WatcherPid).Where(p => !p.IsEmpty).Distinct()];
        }

        return new ProcessSnapshot(_pid, _descriptor.Name, name, MailboxLength, MessagesHandled, _trapExits, _descriptor.IsSupervisor, _parent, links, monitors, monitoredBy);
    }

    static Pid WatcherPid(Watch watch) => watch.Watcher switch
    {
        ProcessCell cell => cell.Self,
        RemoteWatcher remote => remote.Watcher,
        _ => default,
    };
}
