using Typed.Diagnostics;

namespace Typed.Processes;

/// <summary>
/// The loop's asynchronous steps: parking while a hook, a handler, room on a busy connection or a
/// large message's decoding is awaited, and going on where it left off when it completes.
/// </summary>
internal sealed partial class ProcessCell
{
    /// <summary>Parks the loop until an async step completes. False: the loop must return.</summary>
    bool Await(ValueTask pending, Step step)
    {
        if (pending.IsCompleted)
        {
            return CompleteStep(pending, step);
        }

        bool dead;
        lock (this)
        {
            // A lethal signal that came while this loop ran found the loop taken and left the teardown
            // to it: parking now would leave a dead process nobody tears down (Resume ignores the dead).
            dead = _dead;
            if (!dead)
            {
                _pending = pending;
                _step = step;
                _suspended = true;
                _scheduled = false;
            }
        }

        if (dead)
        {
            TearDown();
            return false;
        }

        // From here a lethal exit signal may tear the process down from another thread.
        pending.ConfigureAwait(SimulationContext.Capture).GetAwaiter().UnsafeOnCompleted(_resume ??= Resume);
        return false;
    }

    void Resume()
    {
        lock (this)
        {
            if (_dead)
            {
                // Torn down while suspended; the step's outcome no longer matters.
                return;
            }

            _suspended = false;
            _scheduled = true;
        }

        SimulationContext.Queue(this, _node.Simulation);
    }

    bool CompleteStep(ValueTask pending, Step step)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            switch (step)
            {
                case Step.Backpressure:
                    return true;
                case Step.Decode:
                    _decoding = null;   // TryDecode catches everything: not reached
                    return true;
                case Step.Init:
                    Die(Typed.ExitReason.FromException(ex));
                    break;
                case Step.Handler when Abandoned(ex):
                    EndSpan(null, System.Diagnostics.Activity.Current);
                    return AfterHandler();
                case Step.Handler:
                    EndSpan(ex, System.Diagnostics.Activity.Current);
                    Terminate(Typed.ExitReason.FromException(ex));
                    break;
                default:
                    _node.Log.TerminateHookFailed(_pid, _descriptor.Name, ex);
                    Die(_terminating!);
                    break;
            }

            return false;
        }

        switch (step)
        {
            case Step.Backpressure:
                return true;
            case Step.Decode:
                return AfterDecode();
            case Step.Init:
                return AfterInit();
            case Step.Handler:
                EndSpan(null, System.Diagnostics.Activity.Current);
                return AfterHandler();
            default:
                Die(_terminating!);
                return false;
        }
    }

    /// <summary>A large message decoded on its own thread (<see cref="Step.Decode"/>) is handled; one that did not decode was refused and is skipped.</summary>
    bool AfterDecode()
    {
        var decoding = _decoding!;
        _decoding = null;
        return decoding.Result is not { } envelope || HandleTaken(envelope);
    }
}
