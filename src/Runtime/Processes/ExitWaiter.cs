namespace Typed.Processes;

/// <summary>A monitor held by code outside any process: completes a task with the exit reason.</summary>
internal sealed class ExitWaiter : TaskCompletionSource<ExitReason>, IExitObserver
{
    CancellationTokenRegistration _cancellation;

    public ExitWaiter()
        : base(SimulationContext.SourceOptions)
    {
    }

    public void OnExit(MonitorRef monitor, Pid pid, ExitReason reason)
    {
        if (TrySetResult(reason))
        {
            _cancellation.Unregister();
        }
    }

    public void CancelWith(CancellationToken cancellationToken, Action removeMonitor) =>
        _cancellation = cancellationToken.UnsafeRegister(
            static (state, ct) =>
            {
                var (waiter, remove) = ((ExitWaiter, Action))state!;
                remove();
                waiter.TrySetCanceled(ct);
            },
            (this, removeMonitor));
}
