using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Works across nodes: spawns, links and monitors remotely, and records what comes back.</summary>
[Process]
public partial class Envoy
{
    readonly List<string> _events = [];

    [Init]
    public void Init() => Context.TrapExits = true;

    [Call]
    public async Task<ProcessRef<Worker>> SpawnLinkedOn(string node) =>
        await Context.SpawnOn<Worker>(node, new SpawnOptions { Link = true });

    [Call]
    public async Task<ProcessRef<Worker>> SpawnMonitoredOn(string node) =>
        await Context.SpawnOn<Worker>(node, new SpawnOptions { Monitor = true });

    [Call]
    public void Link(Pid pid) => Context.Link(pid);

    [Call]
    public MonitorRef Watch(Pid pid) => Context.Monitor(pid);

    [Call]
    public bool Unwatch(MonitorRef monitor) => Context.Demonitor(monitor);

    [Call]
    public void WatchNodes() => Context.MonitorNodes(true);

    [Call]
    public async Task<int> CallPing(ProcessRef<Worker> worker) => await worker.Ping();

    [Info]
    public void On(ExitSignal signal) => _events.Add($"exit:{signal.From}:{signal.Reason.Kind}");

    [Info]
    public void On(Down down) => _events.Add($"down:{down.Pid}:{down.Reason.Kind}");

    [Info]
    public void On(NodeUp up) => _events.Add($"nodeup:{up.Node}");

    [Info]
    public void On(NodeDown down) => _events.Add($"nodedown:{down.Node}");

    [Info]
    public void On(Note note) => _events.Add($"note:{note.Text}");

    [Call]
    public List<string> Events() => _events;
}
