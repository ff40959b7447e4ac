using Typed.Diagnostics;

namespace Typed.Supervision;

/// <summary>Stopping children, here or on other nodes, by their shutdown rule (OTP's <c>shutdown/2</c>).</summary>
public sealed partial class SupervisorCore
{
    ValueTask StopAllAsync()
    {
        if (Simple)
        {
            return StopAsync([.. _dynamic.Where(c => c.IsRunning)]);
        }

        return StopInReverse();

        async ValueTask StopInReverse()
        {
            for (var i = _children.Count - 1; i >= 0; i--)
            {
                if (_children[i].IsRunning)
                {
                    await StopAsync([_children[i]]).ConfigureAwait(SimulationContext.Capture);
                }
            }
        }
    }

    /// <summary>
    /// OTP's <c>shutdown/2</c> for children that share one shutdown value: unlink, monitor, send
    /// <c>shutdown</c> (or <c>kill</c>), wait up to the shutdown time, then kill what is left.
    /// </summary>
    async ValueTask StopAsync(IReadOnlyList<Child> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var self = Self;
        var shutdown = children[0].Spec.Shutdown;
        var stopping = new List<(Child Child, Pid Pid, Task<ExitReason> Exit)>(children.Count);
        foreach (var child in children)
        {
            var pid = child.Pid;
            _running.Remove(pid);
            child.Stopped();
            var exit = self.AwaitExit(pid);
            self.Unlink(pid);
            if (!exit.IsCompleted)
            {
                self.Exit(pid, shutdown == Shutdown.BrutalKill ? ExitReason.Kill : ExitReason.Shutdown);
                stopping.Add((child, pid, exit));
            }
        }

        if (stopping.Count == 0)
        {
            return;
        }

        var all = Task.WhenAll(stopping.Select(s => s.Exit));
        if (shutdown > 0)
        {
            try
            {
                await all.WaitAsync(TimeSpan.FromMilliseconds(shutdown), SimulationContext.Clock).ConfigureAwait(SimulationContext.Capture);
            }
            catch (TimeoutException)
            {
                foreach (var s in stopping)
                {
                    if (!s.Exit.IsCompleted)
                    {
                        self.Exit(s.Pid, ExitReason.Kill);
                    }
                }
            }
        }

        await all.ConfigureAwait(SimulationContext.Capture);
        foreach (var s in stopping)
        {
            var reason = s.Exit.Result;
            // Killed after the shutdown time ran out is an error, as in OTP.
            var expected = shutdown == Shutdown.BrutalKill
                ? reason.Kind == ExitReasonKind.Killed
                : reason.Kind == ExitReasonKind.Shutdown;
            if (!expected && !(reason.IsNormal && s.Child.Spec.Restart != Restart.Permanent))
            {
                Log.ChildShutdownError(self.Self, s.Child.Spec.Id, s.Pid, reason);
            }
        }
    }
}
