using Typed;

namespace Typed.Tests.Cluster;

/// <summary>A test-side process that monitors processes and nodes elsewhere and records what it is told.</summary>
[Process]
public partial class Observer
{
    readonly List<string> _events = [];

    [Call]
    public MonitorRef Watch(Pid pid) => Context.Monitor(pid);

    [Call]
    public void WatchNodes() => Context.MonitorNodes(true);

    [Info]
    public void On(Down down) => _events.Add($"down:{down.Pid}:{down.Reason.Kind}");

    [Info]
    public void On(NodeUp up) => _events.Add($"nodeup:{up.Node}");

    [Info]
    public void On(NodeDown down) => _events.Add($"nodedown:{down.Node}");

    [Call]
    public List<string> Events() => _events;
}
