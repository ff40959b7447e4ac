namespace Typed.Processes;

/// <summary>One monitor on a process: its reference and who is told (a <see cref="ProcessCell"/> or an <see cref="IExitObserver"/>).</summary>
internal readonly record struct Watch(MonitorRef Ref, object Watcher);

/// <summary>Something other than a process that wants to know when a process exits.</summary>
internal interface IExitObserver
{
    void OnExit(MonitorRef monitor, Pid pid, ExitReason reason);
}
