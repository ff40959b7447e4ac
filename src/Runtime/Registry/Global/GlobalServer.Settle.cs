namespace Typed.Registry.Global;

/// <summary>Settling a clash: two partitions registered one name for two processes.</summary>
internal sealed partial class GlobalServer
{
    void Settle(GlobalEntry mine, GlobalEntry theirs)
    {
        // The lower pid's registration rules, so every node that sees the clash applies the same rule
        // to the same pair, in the same order, whichever copy it held first.
        var (first, second) = Compare(mine.Pid, theirs.Pid) <= 0 ? (mine, theirs) : (theirs, mine);
        var kill = first.Resolve == GlobalResolveKind.RandomExit;
        var keep = first.Resolve switch
        {
            GlobalResolveKind.RandomExit or GlobalResolveKind.RandomNotify => first.Pid,
            GlobalResolveKind.LowerNode => string.CompareOrdinal(first.Pid.Node, second.Pid.Node) <= 0 ? first.Pid : second.Pid,
            GlobalResolveKind.NotifyAll => default,
            _ => Custom(first, second),
        };

        GlobalLog.NameClash(Node.Log, first.Name, first.Pid, second.Pid, GlobalResolve.From(first.Resolve, first.Resolver).ToString(), keep.IsEmpty ? "none" : keep.ToString());
        if (keep != first.Pid)
        {
            Evict(new GlobalEviction(first.Name, first.Pid, second.Pid, kill && !keep.IsEmpty));
        }

        if (keep != second.Pid)
        {
            Evict(new GlobalEviction(second.Name, second.Pid, first.Pid, kill && !keep.IsEmpty));
        }

        if (!keep.IsEmpty)
        {
            Set(keep == first.Pid ? first : second);
        }
    }

    /// <summary>
    /// Takes the name from the loser and remembers it, so older tables cannot restore it; tells the
    /// loser if it lives here. Each node does this once per loser, and the loser lives on one node.
    /// </summary>
    void Evict(GlobalEviction eviction)
    {
        _evicted[(eviction.Name, eviction.Loser)] = eviction;
        if (_names.TryGetValue(eviction.Name, out var held) && held.Pid == eviction.Loser)
        {
            _names = _names.Remove(eviction.Name);
        }

        if (!_monitors.ContainsKey(eviction.Loser))
        {
            _monitors[eviction.Loser] = Context.Monitor(eviction.Loser);
        }

        if (eviction.Loser.Node != Node.Name)
        {
            return;
        }

        if (eviction.Kill)
        {
            Context.Exit(eviction.Loser, ExitReason.Kill);
        }
        else
        {
            Context.Send(eviction.Loser, new GlobalNameConflict(eviction.Name, eviction.Other));
        }
    }

    Pid Custom(GlobalEntry first, GlobalEntry second)
    {
        if (first.Resolver is not { } name || !Node.Options.GlobalResolvers.TryGetValue(name, out var resolver))
        {
            GlobalLog.ResolverMissing(Node.Log, first.Name, first.Resolver ?? "");
            return default;
        }

        try
        {
            return resolver(first.Name, first.Pid, second.Pid);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            GlobalLog.ResolverFailed(Node.Log, first.Name, name, ex);
            return default;
        }
    }

    /// <summary>Orders pids as Erlang does: by node name, then creation, then number.</summary>
    static int Compare(Pid a, Pid b)
    {
        var byNode = string.CompareOrdinal(a.Node, b.Node);
        return byNode != 0 ? byNode : a.Creation != b.Creation ? a.Creation.CompareTo(b.Creation) : a.Id.CompareTo(b.Id);
    }
}
