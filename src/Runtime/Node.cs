using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Typed.Diagnostics;
using Typed.Messaging;
using Typed.Processes;
using Typed.Registry;

namespace Typed;

/// <summary>
/// A Typed node (an Erlang node): a name, a set of processes scheduled on the thread pool, a local
/// name registry and, with distribution, connections to other nodes. Start one with
/// <see cref="StartAsync"/>, or let <c>services.AddTyped(...)</c> run one in the generic host.
/// </summary>
public sealed partial class Node : IAsyncDisposable
{
    static readonly List<Node> s_running = [];

    [ThreadStatic]
    static Node? t_reading;

    readonly ConcurrentDictionary<ulong, ProcessCell> _processes = new();
    readonly ServiceProvider? _ownedServices;
    readonly TaskCompletionSource _drained = new(SimulationContext.SourceOptions);
    long _nextPid;
    long _nextRef;
    int _live;
    int _stopping;

    Node(NodeOptions options)
    {
        ValidateName(options.Name);
        if (options.Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Throughput, "Throughput must be at least 1");
        }

        if (options.CallTimeout <= TimeSpan.Zero && options.CallTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CallTimeout, "CallTimeout must be positive or infinite");
        }

        options = options.Clone();
        Options = options;
        Name = options.Name;
        Simulation = SimulationContext.Ambient;
        Timers = new TimerWheel(SimulationContext.Clock);
        Creation = options.Creation != 0 ? options.Creation : NewCreation(Simulation?.Random);
        if (options.Services is { } services)
        {
            Services = services;
        }
        else
        {
            var collection = new ServiceCollection().AddLogging();
            if (options.LoggerFactory is { } factory)
            {
                collection.AddSingleton(factory);
            }

            _ownedServices = collection.BuildServiceProvider();
            Services = _ownedServices;
        }

        var loggerFactory = options.LoggerFactory ?? Services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        Log = loggerFactory.CreateLogger("Typed.Node");
        NodePid = new Pid(Name, 0, Creation);
        Router = new Routing.Router(this);
    }

    /// <summary>
    /// Starts a node with its system services under the kernel supervisor (<c>kernel_sup</c>: the global
    /// name server, the default process-group scope, the RPC workers' parent), then its root
    /// supervisor's tree when <see cref="NodeOptions.Supervise{T}(string?)"/> names one.
    /// </summary>
    /// <param name="options">Its name, cookie, services and limits.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The name is not of the form <c>name@host</c>.</exception>
    /// <exception cref="InvalidOperationException">The kernel or root supervisor failed to start; the node has been stopped.</exception>
    public static Task<Node> StartAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (options.MinPoolThreads > workers)
        {
            ThreadPool.SetMinThreads(options.MinPoolThreads, completionPorts);
        }

        var node = new Node(options);
        lock (s_running)
        {
            s_running.Add(node);
        }

        node.Log.NodeStarted(node.Name, node.Creation);
        return node.StartServicesAsync(cancellationToken);
    }

    async Task<Node> StartServicesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartDistributionAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
            if (Kernel is not null)
            {
                _cluster = new ClusterMembership(this);
            }

            TypedMetrics.Track(this);
            await StartKernelAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(SimulationContext.Capture);
            throw;
        }

        return Options.Root is null ? this : await StartRootAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
    }

    async Task<Node> StartRootAsync(CancellationToken cancellationToken)
    {
        ExitReason? failure;
        try
        {
            var root = SpawnCell(Options.Root!, null, Options.RootName is { } name ? new SpawnOptions { Name = name } : null, null);
            failure = await root.WhenStarted().WaitAsync(cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(SimulationContext.Capture);
            throw;
        }

        if (failure is not null)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(SimulationContext.Capture);
            throw new InvalidOperationException($"The root supervisor {Options.Root!.Name} failed to start: {failure}");
        }

        return this;
    }

    /// <summary>The node's full name, <c>name@host</c>.</summary>
    public string Name { get; }

    /// <summary>The creation of this incarnation of the node name.</summary>
    public uint Creation { get; }

    /// <summary>A copy of the options the node started with.</summary>
    internal NodeOptions Options { get; }

    /// <summary>How long a call waits for its reply unless its ref says otherwise.</summary>
    public TimeSpan CallTimeout => Options.CallTimeout;

    /// <summary>Where behaviours' constructor dependencies come from.</summary>
    public IServiceProvider Services { get; }

    /// <summary>How many processes are alive on this node.</summary>
    public int ProcessCount => Volatile.Read(ref _live);

    /// <summary>The pids of the processes alive on this node.</summary>
    public IReadOnlyCollection<Pid> Processes => _processes.Values.Where(c => !c.IsDead).Select(c => c.Self).ToArray();

    /// <summary>The cells of this node, live or exiting (metrics read their mailboxes).</summary>
    internal ICollection<ProcessCell> Cells => _processes.Values;

    internal ILogger Log { get; }

    internal LocalRegistry Registry { get; } = new();

    /// <summary>Where every signal from this node's processes goes: local or remote is decided there.</summary>
    internal Routing.Router Router { get; }

    internal TimerWheel Timers { get; }

    /// <summary>The simulation this node was started in (its processes run there), or null: the thread pool.</summary>
    internal SimulationContext? Simulation { get; }

    internal int Throughput => Options.Throughput;

    /// <summary>The pseudo-pid exit signals sent from outside any process come from.</summary>
    internal Pid NodePid { get; }

    /// <summary>The node a <see cref="ProcessRef{T}"/> read from bytes sends through: the one reading, or the only one running.</summary>
    internal static Node? Ambient
    {
        get
        {
            if (t_reading is { } reading)
            {
                return reading;
            }

            lock (s_running)
            {
                return s_running.Count == 1 ? s_running[0] : null;
            }
        }
    }

    /// <summary>Makes refs read from bytes on this thread send through this node until the scope is disposed.</summary>
    internal ReadingScope BeginReading() => new(this);

    internal readonly struct ReadingScope : IDisposable
    {
        readonly Node? _previous;

        public ReadingScope(Node node)
        {
            _previous = t_reading;
            t_reading = node;
        }

        public void Dispose() => t_reading = _previous;
    }

    internal MonitorRef NewRef() => new(Name, (ulong)Interlocked.Increment(ref _nextRef));

    internal ProcessCell? FindLocal(Pid pid) =>
        pid.Creation == Creation && pid.Node == Name && _processes.TryGetValue(pid.Id, out var cell) ? cell : null;

    /// <summary>Called once by a process's teardown.</summary>
    internal void Exited(ProcessCell cell, ExitReason reason)
    {
        _processes.TryRemove(cell.Self.Id, out _);
        TypedMetrics.ProcessExited(Name, reason.Kind);
        if (reason.Kind == ExitReasonKind.Exception)
        {
            Log.ProcessCrashed(cell.Self, cell.Descriptor.Name, reason, reason.Exception);
        }
        else
        {
            Log.ProcessExited(cell.Self, cell.Descriptor.Name, reason);
        }

        if (Interlocked.Decrement(ref _live) == 0 && Volatile.Read(ref _stopping) != 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Stops the node, as <c>init:stop/0</c> does: first the top-level processes (those no live process
    /// spawned) are asked to stop with reason <c>shutdown</c>, so supervisors stop their trees in
    /// reverse start order; then the kernel supervisor's services; then whatever is left. A process asked to stop runs its terminate hook once
    /// its current handler returns (as with <c>sys:terminate/2</c>). Those still alive after
    /// <see cref="NodeOptions.ShutdownTimeout"/> are killed.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for processes to exit and kills them at once.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            await _drained.Task.ConfigureAwait(SimulationContext.Capture);
            return;
        }

        lock (s_running)
        {
            s_running.Remove(this);
        }

        if (Volatile.Read(ref _live) == 0)
        {
            _drained.TrySetResult();
        }

        var killed = 0;
        try
        {
            // Top-level processes first: a supervisor stops its tree in reverse start order, and a
            // linked child goes with its parent. The kernel supervisor's services (global, pg, rpc)
            // stop after them, so the user's processes leave their groups and names on the way out.
            // Whatever is left (unlinked orphans) stops next.
            var started = SimulationContext.Timestamp();
            var deadline = Task.Delay(Options.ShutdownTimeout, SimulationContext.Clock, cancellationToken);
            var roots = new List<Task<ExitReason>>();
            foreach (var cell in _processes.Values)
            {
                if ((cell.Parent.IsEmpty || FindLocal(cell.Parent) is null) && !IsKernel(cell))
                {
                    var waiter = new ExitWaiter();
                    if (cell.AddWatcher(NewRef(), waiter))
                    {
                        roots.Add(waiter.Task);
                        cell.RequestStop(ExitReason.Shutdown);
                    }
                }
            }

            await Task.WhenAny(Task.WhenAll(roots), deadline).ConfigureAwait(SimulationContext.Capture);
            await Task.WhenAny(StopKernelAsync(), deadline).ConfigureAwait(SimulationContext.Capture);
            foreach (var cell in _processes.Values)
            {
                cell.RequestStop(ExitReason.Shutdown);
            }

            var left = Options.ShutdownTimeout - SimulationContext.Elapsed(started);
            await _drained.Task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, SimulationContext.Clock, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            foreach (var cell in _processes.Values)
            {
                killed++;
                cell.Signal(NodePid, ExitReason.Kill, viaLink: false);
            }

            await _drained.Task.ConfigureAwait(SimulationContext.Capture);
        }

        await StopDistributionAsync().ConfigureAwait(SimulationContext.Capture);
        Timers.Dispose();
        Log.NodeStopped(Name, killed);
        TypedMetrics.Untrack(this);
        if (_ownedServices is not null)
        {
            await _ownedServices.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }
    }

    /// <summary>Stops the node (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(SimulationContext.Capture);

    /// <summary>Prints the node's name.</summary>
    public override string ToString() => Name;

    static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Distribution.Protocol.NodeNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a node name: use name@host, with letters, digits, '_' or '-' before the '@' (at most {Distribution.Protocol.NodeNames.MaxLength} characters)", nameof(name));
        }
    }

    /// <summary>
    /// A creation for this start: 32 random bits (never 0), so two incarnations of one name, however
    /// quickly one follows the other, differ (OTP 23+ creations are 32-bit too), and a pid of a dead
    /// incarnation never names a process of a new one. In a simulation, drawn from its seeded numbers.
    /// </summary>
    static uint NewCreation(Random? simulated)
    {
        if (simulated is not null)
        {
            return (uint)simulated.NextInt64(1, 1L << 32);
        }

        Span<byte> bytes = stackalloc byte[4];
        uint creation;
        do
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            creation = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        }
        while (creation == 0);

        return creation;
    }
}
