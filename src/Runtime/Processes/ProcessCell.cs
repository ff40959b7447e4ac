using Typed.Diagnostics;
using Typed.CompilerServices;

namespace Typed.Processes;

/// <summary>
/// One process: its mailbox, its scheduling on the thread pool and its behaviour instance.
/// </summary>
/// <remarks>
/// Design note. No thread belongs to a process. Senders append to <see cref="_in"/> under the cell's
/// lock; the first sender to find the process idle queues the cell on the thread pool. The loop owner
/// (at most one thread at a time) swaps <see cref="_in"/> with <see cref="_out"/> and handles the
/// batch without the lock, up to the node's throughput bound before it yields to other processes.
/// System messages (<see cref="Down"/>, trapped <see cref="ExitSignal"/>s) go to a separate queue
/// that is served first. Exit signals act when they are delivered, under the lock: a lethal one marks
/// the process dead at once; the owner of the loop, or the signalling thread when the process has no
/// running loop (idle, or suspended awaiting an async handler), then tears the process down. A process
/// awaiting an async handler keeps its mailbox closed to the loop until the handler completes, so
/// handlers never interleave.
/// </remarks>
internal sealed partial class ProcessCell : ProcessContext, IThreadPoolWorkItem
{
    static readonly AsyncLocal<ProcessCell?> s_current = new();

    // The execution context (s_current = that cell) of the cell this pool thread ran last: a cell that
    // runs again on the same thread, as a busy callee does once per call, restores it instead of setting
    // s_current afresh, which allocates a new ExecutionContext and its value map on every run.
    [ThreadStatic]
    static ProcessCell? t_lastCell;

    [ThreadStatic]
    static ExecutionContext? t_lastContext;

    readonly Node _node;
    readonly Pid _pid;

    /// <summary>
    /// How far this process's casts, sends and monitors go to reach a node: <see cref="Distribution.Kernel.Reach.Dial"/>
    /// (auto-connect), or <see cref="Distribution.Kernel.Reach.Pending"/>, Erlang's <c>[noconnect]</c>: they
    /// never start a connection; behind one under way they wait for it; to a node neither connected nor
    /// connecting a message is dropped (its NodeDown has been or will be handled) and a monitor fires
    /// <c>noconnection</c> at once. Its calls, links, exits and spawns always connect. The system servers
    /// that talk to their peers on every node (global, pg) run with Pending, as OTP's pg sends: a message
    /// of theirs handled after a node went down would otherwise dial it back, undoing a disconnect (a
    /// partition rule's or a user's).
    /// </summary>
    internal Distribution.Kernel.Reach Reach { get; set; } = Distribution.Kernel.Reach.Dial;

    readonly BehaviourDescriptor _descriptor;
    readonly Pid _parent;
    IProcessBehaviour? _behaviour;
    object? _startArgs;

    // Guarded by the lock on this cell.
    Envelope[] _in = [];
    int _inCount;
    Queue<object>? _system;
    bool _scheduled;
    bool _suspended;
    ExitReason? _exitReason;
    HashSet<Pid>? _links;
    Dictionary<MonitorRef, Watch>? _watchers;
    Dictionary<ulong, Pid>? _watching;
    Dictionary<ulong, ExitWaiter>? _awaiting;
    string? _name;
    CancellationTokenSource? _stopping;
    TaskCompletionSource<ExitReason?>? _started;
    Action<ExitReason?>? _startedHook;
    IDisposable? _nodeMonitor;
    IDisposable? _clusterMonitor;
    bool _initDone;

    // Read without the lock as hints; written under it.
    volatile bool _dead;
    volatile bool _trapExits;
    volatile int _systemCount;

    // Owned by the thread running the loop.
    Envelope[] _out = [];
    int _outIndex;
    int _outCount;
    Envelope _current;
    CancellationTokenSource? _requestAborted;
    Task? _pressure;
    System.Diagnostics.Activity? _span;
    ExitReason? _stopReason;
    ExitReason? _terminating;
    ValueTask _pending;
    Task<Envelope?>? _decoding;
    Step _step;
    bool _initialized;
    Action? _resume;
    int _tornDown;

    public ProcessCell(Node node, Pid pid, BehaviourDescriptor descriptor, IProcessBehaviour behaviour, object? startArgs, Pid parent, bool trapExits)
    {
        _node = node;
        _pid = pid;
        _descriptor = descriptor;
        _behaviour = behaviour;
        _startArgs = startArgs;
        _parent = parent;
        _trapExits = trapExits;
    }

    enum Step : byte
    {
        None,
        Init,
        Handler,
        Terminate,

        /// <summary>Waiting for room on a busy connection before the next message.</summary>
        Backpressure,

        /// <summary>Waiting for a large message from another node to be decoded on a thread of its own.</summary>
        Decode,
    }

    /// <summary>The process whose handler is running on this logical flow, if any.</summary>
    internal static new ProcessCell? Current => s_current.Value;

    public override Pid Self => _pid;

    public override Node Node => _node;

    internal BehaviourDescriptor Descriptor => _descriptor;

    internal IProcessBehaviour? Behaviour => _behaviour;

    internal bool IsDead => _dead;

    /// <summary>The pid and behaviour, as a simulation's trace names a turn of this process.</summary>
    public override string ToString() => $"{_pid} {_descriptor.Name}";

    /// <summary>A connection this process sent to is busy: the process takes no next message until <paramref name="room"/> completes.</summary>
    internal void Backpressure(Task room) => _pressure = room;

    /// <summary>Queues the first run, which performs the init hook.</summary>
    internal void Start()
    {
        lock (this)
        {
            _scheduled = true;
        }

        SimulationContext.Queue(this, _node.Simulation);
    }

    /// <summary>Appends a message. False when the process is dead (the message is dropped).</summary>
    internal bool Post(in Envelope envelope)
    {
        lock (this)
        {
            if (_dead)
            {
                return false;
            }

            if (_inCount == _in.Length)
            {
                Array.Resize(ref _in, Math.Max(4, _in.Length * 2));
            }

            _in[_inCount++] = envelope;
            if (!TryClaimLocked())
            {
                return true;
            }
        }

        SimulationContext.Queue(this, _node.Simulation);
        return true;
    }

    /// <summary>Appends a system message, served before user messages.</summary>
    internal bool PostSystem(object message)
    {
        bool schedule;
        lock (this)
        {
            if (_dead)
            {
                return false;
            }

            schedule = EnqueueSystemLocked(message);
        }

        if (schedule)
        {
            SimulationContext.Queue(this, _node.Simulation);
        }

        return true;
    }

    bool EnqueueSystemLocked(object message)
    {
        (_system ??= new Queue<object>()).Enqueue(message);
        _systemCount = _system.Count;
        return TryClaimLocked();
    }

    /// <summary>Takes the loop if nobody runs it; the caller must then queue the cell.</summary>
    bool TryClaimLocked()
    {
        if (_scheduled || _suspended)
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    /// <summary>
    /// Completes when the init hook has returned (with null), or when the process exits before that
    /// (with its exit reason): a supervisor's synchronous start, as <c>proc_lib:start_link</c> gives OTP.
    /// </summary>
    internal Task<ExitReason?> WhenStarted()
    {
        lock (this)
        {
            if (_initDone)
            {
                return Task.FromResult<ExitReason?>(null);
            }

            if (_dead)
            {
                return Task.FromResult(_exitReason);
            }

            return (_started ??= new TaskCompletionSource<ExitReason?>(SimulationContext.SourceOptions)).Task;
        }
    }

    /// <summary>
    /// Runs <paramref name="hook"/> on the process's own thread the moment its init hook returns (with
    /// null), or as it exits before that (with its reason); set before the process runs. A remote
    /// spawn that answers after init replies from here, so the reply leaves before anything the
    /// process sends afterwards (its exit signal included).
    /// </summary>
    internal void OnStarted(Action<ExitReason?> hook)
    {
        lock (this)
        {
            _startedHook = hook;
        }
    }
}
