using MemoryPack;

namespace Typed.Samples.Patterns;

// The processes and functions the patterns use. Every node of a pattern runs this same program, so
// each node knows every behaviour and [Rpc] function below by its generated id.

/// <summary>One job of the work dispatcher.</summary>
/// <param name="Id">The job's number.</param>
/// <param name="Text">What to work on.</param>
[MemoryPackable] public partial record Job(int Id, string Text);

/// <summary>A dispatcher's worker: spawned on a node for one job, linked to the dispatcher, gone when done.</summary>
[Process]
public partial class Cruncher
{
    /// <summary>Works the job out where this process runs.</summary>
    [Call]
    public string Crunch(Job job) => $"job {job.Id} ({job.Text.ToUpperInvariant()}) on {Context.Node.Name}";
}

/// <summary>A node's candidate for the global name <c>leader</c>; told when it loses a clash.</summary>
[Process]
public partial class Leader
{
    string _status = "leader";

    [Call] public string Status() => _status;

    [Info] public void Lost(GlobalNameConflict conflict) => _status = $"lost '{conflict.Name}' to {conflict.Other}";
}

/// <summary>A member of the process group <c>lobby</c>.</summary>
[Process]
public partial class Chat
{
    readonly List<string> _heard = [];

    [Cast] public void Say(string line) => _heard.Add(line);

    [Call] public List<string> Heard() => _heard;
}

/// <summary>A service the distributed supervisor keeps alive somewhere in the cluster.</summary>
[Process]
public partial class Tally
{
    int _n;

    [Call] public int Add(int k) => _n += k;

    [Call] public string Where() => Context.Node.Name;
}

/// <summary>A supervisor whose children are placed on other nodes at run time.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 5, Period = 30)]
public partial class Keeper;

/// <summary>A voter of the majority consensus: accepts a proposal it finds acceptable.</summary>
[Process]
public partial class Voter
{
    [Call] public bool Vote(string proposal) => proposal.StartsWith("v", StringComparison.Ordinal);
}

/// <summary>Functions every node serves over RPC.</summary>
[Rpc]
public static partial class Calc
{
    /// <summary>A square, and where it was worked out.</summary>
    public static string Square(int x) => $"{x * x} on {ProcessContext.Current?.Node.Name}";

    /// <summary>Takes its time.</summary>
    public static async Task<int> Slow(int milliseconds, CancellationToken ct)
    {
        await Task.Delay(milliseconds, ct);
        return milliseconds;
    }

    /// <summary>This node's name.</summary>
    public static string Node() => ProcessContext.Current?.Node.Name ?? "?";

    /// <summary>Writes a line on this node's console (what a cast and a broadcast deliver).</summary>
    public static void Announce(string text) => Console.WriteLine($"[{ProcessContext.Current?.Node.Name}] {text}");

    /// <summary>Where this node sees a global name (after a partition heals, every node agrees).</summary>
    public static string WhereIs(string name) => ProcessContext.Current?.Node.Global.WhereIs(name)?.ToString() ?? "nowhere";
}
