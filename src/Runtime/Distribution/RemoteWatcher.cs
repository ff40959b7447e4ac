using Typed.Distribution.Framing;
using Typed.Processes;

namespace Typed.Distribution;

/// <summary>A monitor held by a process on another node: the exit goes back as a Down frame.</summary>
internal sealed class RemoteWatcher(NetKernel kernel, Pid watcher) : IExitObserver
{
    public string Node => watcher.Node;

    public void OnExit(MonitorRef monitor, Pid pid, ExitReason reason) =>
        kernel.Enqueue(watcher.Node, new MonitorFrame(FrameKind.Down, watcher, pid, monitor, reason));
}
