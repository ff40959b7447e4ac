using MemoryPack;
using Microsoft.Extensions.Logging;
using Typed;

namespace Typed.Samples.Cluster;

// The README's "Declare a process" examples are this file's code, checked by tests/Typed.Tests/ReadmeTests.

[MemoryPackable] public partial record Job(int Id, string Payload);

[Process]                                            // a gen_server
public partial class Counter(ILogger<Counter> log)   // constructor injection from DI
{
    int _n;

    [Call] public int Get() => _n;                                              // gen_server:call
    [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
    [Cast] public void Reset() => _n = 0;                                      // gen_server:cast
    [Info] public void Handle(Job job) => log.LogInformation("job {Id}", job.Id); // handle_info
}

[Process]
public partial class Session
{
    string _user = "";
    readonly List<string> _log = [];

    [Init] public void Start(string user) => _user = user;                 // runs first, inside the process
    [Call] public int Say(string text) { _log.Add(text); return _log.Count; }
    [Cast] public void Leave() => Context.Stop(ExitReason.ShutdownWith("left"));   // Context: the running process
    [Terminate] public void Done(ExitReason reason) =>
        Console.WriteLine($"  Session of {_user} terminating ({reason}) after {_log.Count} lines");
}

/// <summary>A worker that fails on bad input: the crash becomes its exit reason.</summary>
[Process]
public partial class Parser
{
    [Call]
    public int Parse(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Traps exits and keeps what its linked workers died of.</summary>
[Process]
public partial class Guardian
{
    readonly List<string> _reports = [];

    [Init]
    public void Init() => Context.TrapExits = true;

    [Call]
    public ProcessRef<Parser> StartParser() => Context.Spawn<Parser>(new SpawnOptions { Link = true });

    [Info]
    public void OnExit(ExitSignal signal) => _reports.Add($"{signal.From} exited: {signal.Reason}");

    [Call]
    public List<string> Reports() => _reports;
}

/// <summary>A supervision tree: children start in order, a crash restarts only the crashed child.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 10)]    // more than 3 restarts in 10 s: give up
[Child<Counter>("counter", Restart.Permanent)]                   // always restarted
[Child<Parser>("parser", Restart.Transient, Shutdown = 2000)]    // restarted after a crash only
public partial class AppSupervisor;

/// <summary>
/// Lives on node a, traps exits and links to a parser it spawns on another node: when that node goes,
/// the link fires with <c>noconnection</c> and the signal goes to the sample's <see cref="ClusterEvents"/>.
/// </summary>
[Process]
public partial class Watchman(ClusterEvents events)
{
    [Init]
    public void Init() => Context.TrapExits = true;

    [Call]
    public async Task<ProcessRef<Parser>> SpawnLinkedOn(string node) =>
        await Context.SpawnOn<Parser>(node, new SpawnOptions { Link = true });

    [Info]
    public void OnExit(ExitSignal signal) => events.Exited(signal);
}

/// <summary>A distributed supervisor: the README's "Supervise across nodes" example.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 10)]
[Child<Counter>("on-b", Restart.Permanent, Node = "b@127.0.0.1")]   // spawned on b, linked; its init runs there
public partial class Tallies;

/// <summary>A member of process groups: the README's "Process groups" example.</summary>
[Process]
public partial class Chat
{
    readonly List<string> _lines = [];

    [Cast] public void Say(string line) => _lines.Add(line);                   // what Groups.Broadcast reaches
    [Call] public List<string> Lines() => _lines;
    [Info] public void Changed(GroupChanged change) =>                         // after Groups.MonitorAsync
        _lines.Add($"{change.Group}: {change.Change} {string.Join(", ", change.Pids)}");
}

[Rpc]                                                // a module of functions other nodes can call (rpc/erpc)
public static partial class Maths
{
    public static int Add(int a, int b) => a + b;
    public static async Task<string> Slow(int ms, CancellationToken ct) { await Task.Delay(ms, ct); return "done"; }
    public static void Fail(string why) => throw new InvalidOperationException(why);
    public static string Where() => $"{ProcessContext.Current?.Node.Name} in {ProcessContext.Current?.Self}";  // a fresh process per call
}
