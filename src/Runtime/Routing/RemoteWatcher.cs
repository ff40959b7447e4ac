using Typed.Processes;

namespace Typed.Routing;

/// <summary>A monitor held by a process on another node: the exit goes back through the router as a Down.</summary>
internal sealed class RemoteWatcher(Router router, Pid watcher) : IExitObserver
{
    public string Node => watcher.Node;

    /// <summary>The watching process on the other node.</summary>
    public Pid Watcher => watcher;

    public void OnExit(MonitorRef monitor, Pid pid, ExitReason reason) => router.RemoteDown(watcher, pid, monitor, reason);
}
