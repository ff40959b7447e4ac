using System.Threading.Tasks.Sources;
using Typed.CompilerServices;
using Typed.Processes;

namespace Typed.Messaging;

/// <summary>
/// A call from this node waiting for its outcome: the callee's reply, the callee's exit, the
/// timeout or the caller's cancellation, whichever comes first. It is the awaited
/// <see cref="ValueTask{TResult}"/>'s source, the reply sink and the wheel's timeout at once, so a
/// call costs one allocation beyond its message.
/// </summary>
internal sealed class PendingCall<TReply> : ReplyTo<TReply>, IValueTaskSource<TReply>, ITimeout, IFailable
{
    ManualResetValueTaskSourceCore<TReply> _core;
    readonly TimerWheel _wheel;
    readonly Pid _callee;
    readonly TimeSpan _timeout;
    CancellationTokenRegistration _cancellation;
    Extras? _extras;
    IPendingOwner? _owner;
    ulong _ownerRef;

    // 0 waiting, 1 finished, 2 finished because the caller gave up.
    int _state;

    public PendingCall(TimerWheel wheel, Pid callee, TimeSpan timeout)
    {
        _core.RunContinuationsAsynchronously = SimulationContext.ContinueAsynchronously;
        _wheel = wheel;
        _callee = callee;
        _timeout = timeout;
        Deadline = Distribution.Protocol.FrameHeaders.Within(timeout).Deadline;
    }

    /// <summary>
    /// Makes <paramref name="owner"/> hear when the call finishes and when its caller gives up (a
    /// remote call's table; no delegates, so a call costs one allocation).
    /// </summary>
    public void OwnedBy(IPendingOwner owner, ulong reference)
    {
        _owner = owner;
        _ownerRef = reference;
    }

    /// <summary>The callee handler's view: cancelled once the caller gives up. Made only when a handler asks.</summary>
    internal override CancellationToken Aborted
    {
        get
        {
            var extras = Extra();

            // The side object may be made after the caller gave up: it must learn that too.
            if (Volatile.Read(ref _state) == 2)
            {
                extras.Aborted.Abandon();
            }

            return extras.Aborted.Token;
        }
    }

    /// <summary>State few calls need (a handler asking for its token, a call made inside a handler), made on first use.</summary>
    Extras Extra()
    {
        var extras = Volatile.Read(ref _extras);
        if (extras is null)
        {
            var created = new Extras();
            extras = Interlocked.CompareExchange(ref _extras, created, null) ?? created;
        }

        return extras;
    }

    /// <summary>Names the callee in the timeout's message when it is not a process (an RPC's target node).</summary>
    public string? CalleeText { get; init; }

    public int WheelSlot { get; set; } = -1;

    public long WheelDue { get; set; }

    /// <summary>Arms the timeout and the cancellation; call once, before the request is posted.</summary>
    public ValueTask<TReply> Start(CancellationToken cancellationToken)
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            _wheel.Add(this, _timeout);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (s, ct) => ((PendingCall<TReply>)s!).Abandon(new OperationCanceledException(ct)), this);
        }

        // A call made inside a handler is given up with the call that handler serves.
        if (ProcessCell.Current?.CurrentAborted is { CanBeCanceled: true } inherited)
        {
            Extra().Inherited = inherited.UnsafeRegister(
                static (s, ct) => ((PendingCall<TReply>)s!).Abandon(new OperationCanceledException("the call this one was made for was given up", null, ct)), this);
        }

        return new ValueTask<TReply>(this, _core.Version);
    }

    /// <summary>
    /// The node of a local call: its reply is copied there when the callee gives it (isolation; see
    /// <see cref="LocalCopy{T}"/>). Null for a call to another node, whose reply is decoded anyway.
    /// </summary>
    public Node? CopyReplyOn { get; init; }

    public override void Complete(TReply value)
    {
        if (CopyReplyOn is { } node && LocalCopy<TReply>.Needed)
        {
            try
            {
                value = LocalCopy<TReply>.Of(value, node);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // As a reply that cannot be encoded for the wire: the caller gets the reason.
                Fail(ex);
                return;
            }
        }

        if (TryFinish())
        {
            EndSpan(null);
            _core.SetResult(value);
        }
    }

    public override void Exited(Pid callee, ExitReason reason) => Fail(new ProcessExitedException(callee, reason));

    public override void Unhandled(Pid callee, string detail) => Fail(new UnhandledMessageException(callee, detail));

    internal override void Raised(string exceptionType, string message, string? stackTrace) =>
        Fail(new RemoteException(exceptionType, message, stackTrace));

    internal override void Undefined(string node, int functionId, string detail) =>
        Fail(new UndefinedFunctionException(node, functionId, detail));

    /// <summary>
    /// The timeout came from the deadline of the call the caller's handler serves, not from the caller:
    /// its expiry means that call is over, so it ends this one as a cancellation, not a timeout.
    /// </summary>
    public bool DeadlineInherited { get; init; }

    public void Expire() => Abandon(
        DeadlineInherited ? new OperationCanceledException("the deadline of the call this one was made for has passed")
        : CalleeText is null ? new CallTimeoutException(_callee, _timeout)
        : new CallTimeoutException(_callee, CalleeText, _timeout));

    /// <summary>The caller gives up: the call fails with <paramref name="exception"/> and the callee's token is cancelled.</summary>
    void Abandon(Exception exception)
    {
        if (!TryFinish(2))
        {
            return;
        }

        if (Volatile.Read(ref _extras) is { } extras)
        {
            extras.Aborted.Abandon();
        }

        EndSpan(exception);
        _core.SetException(exception);
    }

    public void Fail(Exception exception)
    {
        if (TryFinish())
        {
            EndSpan(exception);
            _core.SetException(exception);
        }
    }

    bool TryFinish(int state = 1)
    {
        if (Interlocked.CompareExchange(ref _state, state, 0) != 0)
        {
            return false;
        }

        if (WheelSlot >= 0)
        {
            _wheel.Remove(this);
        }

        _cancellation.Unregister();
        _extras?.Inherited.Unregister();
        if (_owner is { } owner)
        {
            if (state == 2)
            {
                owner.Abandoned(_ownerRef);
            }

            owner.Finished(_ownerRef);
        }

        return true;
    }

    public TReply GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    /// <summary>The caller's span for this call (traced only while someone listens); it ends with the call.</summary>
    public void Trace(System.Diagnostics.Activity span)
    {
        var extras = Extra();
        extras.Span = span;
        extras.TraceParent = Diagnostics.TypedActivities.TraceParent(span);
    }

    /// <summary>Times the call for <c>typed.call.duration</c> (only while someone listens): from now to its outcome.</summary>
    public void Measure(string service, string method)
    {
        var extras = Extra();
        extras.Service = service;
        extras.Method = method;
        extras.Started = SimulationContext.Timestamp();
    }

    internal override string? TraceParent => _extras?.TraceParent;

    /// <summary>The call has its outcome: its span ends and its duration is recorded, if either was asked for.</summary>
    void EndSpan(Exception? error)
    {
        if (_extras is not { } extras)
        {
            return;
        }

        if (extras.Service is { } service)
        {
            Diagnostics.TypedMetrics.CallCompleted(service, extras.Method!, extras.Started, error?.GetType().FullName);
        }

        if (extras.Span is { } span)
        {
            if (error is not null)
            {
                Diagnostics.TypedActivities.Failed(span, error);
            }

            span.Dispose();
        }
    }

    sealed class Extras
    {
        public AbortToken Aborted;

        public CancellationTokenRegistration Inherited;

        public System.Diagnostics.Activity? Span;

        public string? TraceParent;

        public string? Service;

        public string? Method;

        public long Started;
    }
}

/// <summary>Who keeps a call in a table: told when it finishes, and when its caller gives up first.</summary>
internal interface IPendingOwner
{
    void Finished(ulong reference);

    void Abandoned(ulong reference);
}
