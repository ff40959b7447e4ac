using Typed.Diagnostics;
using Typed.CompilerServices;

namespace Typed.Processes;

/// <summary>
/// The loop: one pool thread at a time takes a batch of messages and runs the behaviour's hooks,
/// parking while an async handler awaits and resuming where it left off.
/// </summary>
internal sealed partial class ProcessCell
{
    void IThreadPoolWorkItem.Execute()
    {
        if (ReferenceEquals(t_lastCell, this) && t_lastContext is { } context)
        {
            ExecutionContext.Restore(context);
        }
        else
        {
            s_current.Value = this;
            t_lastCell = this;
            t_lastContext = ExecutionContext.Capture();
        }

        Run();
    }

    /// <summary>Lets the thread that tears a cell down forget it, so its cache does not keep a dead process alive.</summary>
    void ForgetOnThisThread()
    {
        if (ReferenceEquals(t_lastCell, this))
        {
            t_lastCell = null;
            t_lastContext = null;
        }
    }

    void Run()
    {
        if (_step != Step.None && !_dead)
        {
            var pending = _pending;
            var step = _step;
            _pending = default;
            _step = Step.None;
            if (!CompleteStep(pending, step))
            {
                return;
            }
        }

        if (!_initialized && !_dead)
        {
            _initialized = true;
            if (!RunInit())
            {
                return;
            }
        }

        var budget = _node.Throughput;
        while (true)
        {
            if (_dead)
            {
                TearDown();
                return;
            }

            if (_systemCount > 0 && TryTakeSystem(out var system))
            {
                if (system is StopRequest stopRequest)
                {
                    Terminate(stopRequest.Reason);
                    return;
                }

                if (!Handle(new Envelope(Envelope.InfoId, system, null)))
                {
                    return;
                }

                continue;
            }

            if (_outIndex == _outCount)
            {
                if (!Refill())
                {
                    return;
                }

                continue;
            }

            if (--budget < 0)
            {
                // Fairness: let other processes run; the loop stays claimed.
                SimulationContext.Queue(this, _node.Simulation);
                return;
            }

            // busy_dist_port: a connection this process sent to is over its high-water mark; the
            // process waits for room before it takes its next message.
            if (_pressure is { } room)
            {
                _pressure = null;
                if (!room.IsCompleted)
                {
                    Await(new ValueTask(room), Step.Backpressure);
                    return;
                }
            }

            ref var slot = ref _out[_outIndex++];
            var envelope = slot;
            slot = default;
            if (envelope.Message is Routing.DeferredMessage deferred)
            {
                if (deferred.Large)
                {
                    // Decoded on a thread of its own while the process waits (DeferredMessage).
                    var decoding = deferred.DecodeOnOwnThread(envelope);
                    _decoding = decoding;
                    if (!Await(new ValueTask(decoding), Step.Decode))
                    {
                        return;
                    }

                    continue;
                }

                if (!deferred.TryDecode(ref envelope))
                {
                    continue;
                }
            }

            if (!HandleTaken(envelope))
            {
                return;
            }
        }
    }

    /// <summary>Runs the handler for a message taken from the mailbox. False: the loop must return.</summary>
    bool HandleTaken(in Envelope envelope)
    {
        TypedMetrics.MessageHandled(_node.Name, _descriptor.Name);
        CountHandled();
        return Handle(envelope);
    }

    bool Refill()
    {
        lock (this)
        {
            if (_inCount == 0)
            {
                if (_systemCount > 0 || _dead)
                {
                    return true;
                }

                _scheduled = false;
                return false;
            }

            (_in, _out) = (_out, _in);
            _outCount = _inCount;
            _outIndex = 0;
            _inCount = 0;
        }

        return true;
    }

    bool TryTakeSystem(out object message)
    {
        lock (this)
        {
            if (_system is { Count: > 0 } queue)
            {
                message = queue.Dequeue();
                _systemCount = queue.Count;
                return true;
            }
        }

        message = null!;
        return false;
    }

    /// <summary>Handles one message. False when the loop must stop (suspended, stopping or dead).</summary>
    bool Handle(in Envelope envelope)
    {
        _current = envelope;
        var previous = TypedActivities.Source.HasListeners() ? StartSpan(envelope) : null;
        ValueTask pending;
        try
        {
            pending = _behaviour!.HandleAsync(in envelope);
        }
        catch (Exception ex) when (!Abandoned(ex))
        {
            EndSpan(ex, previous);
            Terminate(Typed.ExitReason.FromException(ex));
            return false;
        }
        catch (OperationCanceledException)
        {
            EndSpan(null, previous);
            return AfterHandler();
        }

        if (pending.IsCompletedSuccessfully)
        {
            EndSpan(null, previous);
            return AfterHandler();
        }

        // The handler's continuations keep its span as their current activity; this thread goes on without it.
        if (_span is not null)
        {
            System.Diagnostics.Activity.Current = previous;
        }

        return Await(pending, Step.Handler);
    }

    /// <summary>
    /// A handler gave up because its caller did (its <see cref="RequestAborted"/> token, not the
    /// process stopping): the call is already answered on the caller's side, and the process goes on.
    /// </summary>
    /// <summary>The current message's deadline has passed (within the timer wheel's grain of 20 ms).</summary>
    bool DeadlinePassed =>
        CurrentDeadline is var deadline and not 0 && SimulationContext.Timestamp() >= deadline - (System.Diagnostics.Stopwatch.Frequency / 50);

    bool Abandoned(Exception ex) =>
        ex is OperationCanceledException
        && (CurrentAborted.IsCancellationRequested || DeadlinePassed)
        && !Stopping.IsCancellationRequested;

    bool AfterHandler()
    {
        _current = default;
        if (_requestAborted is { } aborted)
        {
            _requestAborted = null;
            aborted.Dispose();
        }

        if (_stopReason is { } reason)
        {
            Terminate(reason);
            return false;
        }

        return true;
    }

    bool RunInit()
    {
        var args = _startArgs;
        _startArgs = null;
        ValueTask pending;
        try
        {
            pending = _behaviour!.InitAsync(args);
        }
        catch (Exception ex)
        {
            // Like gen_server: a failed init does not run terminate.
            Die(Typed.ExitReason.FromException(ex));
            return false;
        }

        return pending.IsCompletedSuccessfully ? AfterInit() : Await(pending, Step.Init);
    }

    bool AfterInit()
    {
        if (_stopReason is { } reason)
        {
            Terminate(reason);
            return false;
        }

        TaskCompletionSource<ExitReason?>? started;
        Action<ExitReason?>? hook;
        lock (this)
        {
            _initDone = true;
            started = _started;
            hook = _startedHook;
            _startedHook = null;
        }

        started?.TrySetResult(null);
        hook?.Invoke(null);
        return true;
    }

    /// <summary>Orderly exit by the loop owner: the terminate hook runs, then the process dies.</summary>
    void Terminate(ExitReason reason)
    {
        _stopReason = null;
        _terminating = reason;
        ValueTask pending;
        try
        {
            pending = _behaviour!.TerminateAsync(reason);
        }
        catch (Exception ex)
        {
            _node.Log.TerminateHookFailed(_pid, _descriptor.Name, ex);
            pending = default;
        }

        Await(pending, Step.Terminate);
    }

    /// <summary>The loop owner marks the process dead and tears it down.</summary>
    void Die(ExitReason reason)
    {
        lock (this)
        {
            if (!_dead)
            {
                _dead = true;
                _exitReason = reason;
            }
        }

        TearDown();
    }
}
