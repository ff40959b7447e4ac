using MemoryPack;

namespace Typed.Samples.Cluster;

// The cluster services the sample narrates: a global leader with a resolve function of its own, a
// work dispatcher over rpc, and a process group. Every node of the sample runs this same program.

/// <summary>What a job of the dispatcher came to, and where it ran.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Length">Its payload's length.</param>
/// <param name="Node">The node it ran on.</param>
[MemoryPackable] public partial record JobResult(int Id, int Length, string Node);

/// <summary>The dispatcher's work: each call runs in a fresh process on the node it is sent to.</summary>
[Rpc]
public static partial class Work
{
    /// <summary>Works a job out on whichever node the dispatcher chose.</summary>
    public static async Task<JobResult> Crunch(Job job, CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        return new JobResult(job.Id, job.Payload.Length, ProcessContext.Current?.Node.Name ?? "?");
    }

    /// <summary>Adds to the counter registered globally as <c>ledger</c>, wherever it runs, from this node.</summary>
    public static async Task<int> AddToLedger(int k) =>
        await ProcessContext.Current!.Node.Global.At<Counter>("ledger").Add(k);
}

/// <summary>
/// Each node's candidate for the global name <c>leader</c>. Nodes b and c register theirs before
/// they meet; when they do, the clash is settled by <see cref="Clustering.ByPriority"/> and the loser
/// is told with a <see cref="GlobalNameConflict"/>.
/// </summary>
[Process]
public partial class Leader
{
    string _status = "leader";

    /// <summary>Whether this process still leads, or whom it lost to.</summary>
    [Call]
    public string Status() => _status;

    /// <summary>The global registry took the name away after a clash.</summary>
    [Info]
    public void Lost(GlobalNameConflict conflict) => _status = $"lost '{conflict.Name}' to {conflict.Other}";
}

/// <summary>The node options every node of the sample shares.</summary>
public static class Clustering
{
    /// <summary>The order in which nodes are preferred to hold a clashing global name.</summary>
    static readonly string[] s_priority = ["b@127.0.0.1", "c@127.0.0.1", "a@127.0.0.1"];

    /// <summary>
    /// A custom resolve function: keeps the process on the node that comes first in the priority
    /// list. It is a function of the two pids only, so every node that sees the clash agrees.
    /// </summary>
    public static Pid ByPriority(string name, Pid first, Pid second) =>
        Rank(first.Node) <= Rank(second.Node) ? first : second;

    /// <summary>Gives a node's options what every node of the sample must share.</summary>
    public static NodeOptions Configure(NodeOptions options)
    {
        options.GlobalResolvers["by-priority"] = ByPriority;
        return options;
    }

    static int Rank(string node) => Array.IndexOf(s_priority, node) is var i and >= 0 ? i : int.MaxValue;
}
