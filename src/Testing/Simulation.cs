using System.Diagnostics;

namespace Typed.Testing;

/// <summary>
/// Deterministic simulation: nodes, their processes, ticks, timeouts and the in-memory network run on
/// one thread, in an order drawn from one seed, on a simulated clock. The same seed gives the same
/// run, step for step, faster than real time; a failing run names the seed that replays it.
/// </summary>
/// <remarks>
/// <para>Everything the scenario starts runs here: a node started inside the scenario hands its
/// processes' turns, its awaits, its timers and its random draws (backoff, jitter, creations) to the
/// simulation, and a <see cref="TestCluster"/> started inside one puts its network on the simulated
/// clock. At each step the simulation picks one ready item at random (the seed's choice stands for
/// the thread pool's interleaving); when none is ready it moves the clock to the next timer.</para>
/// <para>A scenario can be simulated when it, and the handlers it runs, await only Typed calls,
/// timers and delays on <see cref="SimulationContext.Clock"/> (not <c>ConfigureAwait(false)</c>, real
/// sockets, files or <c>Task.Run</c>). Work that arrives from another thread is reported as the
/// nondeterminism it is; a run with nothing to do and no timer armed is reported as stuck.</para>
/// </remarks>
public sealed partial class Simulation : SimulationContext
{
    /// <summary>How many steps a run may take before it is stopped as a runaway.</summary>
    public const long DefaultMaxSteps = 20_000_000;

    readonly SimulatedClock _clock;
    readonly Random _choices;
    readonly List<Item> _ready = [];
    readonly List<string> _trace = [];
    readonly List<string> _escapes = [];
    readonly List<IAsyncDisposable> _owned = [];
    readonly TimeSpan _limit;
    readonly long _maxSteps;
    int _thread;
    long _steps;
    ulong _hash = 14695981039346656037UL;
    bool _tracing = true;

    Simulation(int seed, TimeSpan limit, long maxSteps)
    {
        Seed = seed;
        _limit = limit;
        _maxSteps = maxSteps;
        _clock = new SimulatedClock(this);
        _choices = new Random(seed);
        Random = new Random(unchecked(seed * 31 + 17));
    }

    /// <summary>The seed this run was started with.</summary>
    public int Seed { get; }

    /// <inheritdoc/>
    public override TimeProvider Time => _clock;

    /// <inheritdoc/>
    public override Random Random { get; }

    /// <summary>Simulated time since the run started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The simulation this thread is running in, or null.</summary>
    public static new Simulation? Current => SynchronizationContext.Current as Simulation;

    /// <summary>
    /// Runs <paramref name="scenario"/> in a new simulation seeded with <paramref name="seed"/>, on a
    /// thread of its own, until the task it returns completes.
    /// </summary>
    /// <param name="seed">The seed of every choice the run makes.</param>
    /// <param name="scenario">What to run: starts nodes, sends, injects faults, checks.</param>
    /// <param name="limit">The most simulated time the run may take (10 minutes when null).</param>
    /// <param name="maxSteps">The most steps the run may take.</param>
    /// <returns>The run's trace and figures.</returns>
    /// <exception cref="SimulationFailedException">The scenario failed, got stuck, ran past its limits or met work from another thread; the message names the seed.</exception>
    public static Task<SimulationResult> RunAsync(int seed, Func<Simulation, Task> scenario, TimeSpan? limit = null, long maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var done = new TaskCompletionSource<SimulationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var simulation = new Simulation(seed, limit ?? TimeSpan.FromMinutes(10), maxSteps);

        // Continuations completed inline on this thread can nest deeply: give it a generous stack.
        var thread = new Thread(
            () =>
            {
                try
                {
                    done.SetResult(simulation.RunHere(scenario));
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            },
            64 * 1024 * 1024)
        {
            IsBackground = true,
            Name = $"simulation {seed}",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Adds a line to the trace, stamped with the simulated time (what a scenario saw, decided or checked).</summary>
    /// <param name="line">What to record.</param>
    public void Log(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        CheckThread("a trace line");
        Record($"{Stamp()} | {line}");
    }

    /// <inheritdoc/>
    public override void Schedule(IThreadPoolWorkItem work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Enqueue(new Item(work, null, null), "a process's turn");
    }

    /// <inheritdoc/>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        Enqueue(new Item(null, d, state), "a continuation");
    }

    /// <inheritdoc/>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        CheckThread("a synchronous send");
        d(state);
    }

    /// <inheritdoc/>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Notes work arriving from a thread that is not this simulation's: the run is no longer deterministic.</summary>
    internal void CheckThread(string what)
    {
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _thread))
        {
            lock (_escapes)
            {
                _escapes.Add($"{what} from thread {Environment.CurrentManagedThreadId} ({Thread.CurrentThread.Name ?? "unnamed"}), at{Environment.NewLine}{new StackTrace(2, false)}");
            }
        }
    }

    void Enqueue(Item item, string what)
    {
        CheckThread(what);
        lock (_ready)
        {
            _ready.Add(item);
        }
    }

    /// <summary>Takes <paramref name="owned"/> (a cluster started in this run) to stop if the run fails before its scenario does.</summary>
    internal void Own(IAsyncDisposable owned)
    {
        lock (_owned)
        {
            _owned.Add(owned);
        }
    }

    SimulationResult RunHere(Func<Simulation, Task> scenario)
    {
        Volatile.Write(ref _thread, Environment.CurrentManagedThreadId);
        SetSynchronizationContext(this);
        var wall = Stopwatch.StartNew();
        Task? run = null;
        Post(_ => run = scenario(this), null);
        SimulationFailedException? failure = null;
        try
        {
            RunUntil(() => run is { IsCompleted: true });
            if (run!.IsFaulted || run.IsCanceled)
            {
                var error = run.Exception?.InnerException ?? new TaskCanceledException(run);
                failure = Failed(error.Message, error);
            }
        }
        catch (SimulationFailedException ex)
        {
            failure = ex;
        }

        var result = failure is null ? new SimulationResult(Seed, _steps, Elapsed, wall.Elapsed, _trace, _hash) : null;
        StopOwned();
        return result ?? throw failure!;
    }

    /// <summary>
    /// Stops the clusters the scenario started and left running (it failed, got stuck, ran too long, or
    /// forgot them), on the simulation's own queue and clock, so their nodes do not outlive the run in
    /// this process. Stopping a cluster already disposed costs nothing; nothing of it enters the trace.
    /// Best effort, within a bounded number of steps.
    /// </summary>
    void StopOwned()
    {
        IAsyncDisposable[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
        }

        if (owned.Length == 0)
        {
            return;
        }

        lock (_escapes)
        {
            _escapes.Clear();
        }

        _tracing = false;
        Task? stopping = null;
        Post(_ => stopping = Task.WhenAll(owned.Select(o => o.DisposeAsync().AsTask())), null);
        var budget = _steps + 1_000_000;
        try
        {
            RunUntil(() => stopping is { IsCompleted: true } || _steps > budget, strict: false);
        }
        catch (SimulationFailedException)
        {
            // Nothing more can be done here; the original failure is what the caller hears.
        }
    }

    /// <summary>Steps until <paramref name="done"/>; fails on work from outside (when strict), runaways and a stuck queue.</summary>
    void RunUntil(Func<bool> done, bool strict = true)
    {
        while (!done())
        {
            lock (_escapes)
            {
                if (strict && _escapes.Count > 0)
                {
                    throw Failed($"work arrived from outside the simulation, so the run is not deterministic: {_escapes[0]}", null);
                }
            }

            if (++_steps > _maxSteps && strict)
            {
                throw Failed($"more than {_maxSteps:N0} steps (a runaway loop?)", null);
            }

            if (_clock.Elapsed > _limit && strict)
            {
                throw Failed($"the scenario ran past its limit of {_limit} simulated", null);
            }

            if (!Step())
            {
                throw Failed("stuck: nothing to run and no timer armed, yet the scenario has not finished (does it await something outside the simulation: real I/O, a delay on the system clock, a ConfigureAwait(false) continuation?)", null);
            }
        }
    }

    /// <summary>Runs one item: a ready one chosen by the seed, else the next timer. False when there is neither.</summary>
    bool Step()
    {
        Item item;
        lock (_ready)
        {
            if (_clock.TakeDue() is { } due)
            {
                _ready.Add(new Item(null, null, due));
            }

            if (_ready.Count == 0)
            {
                if (_clock.AdvanceToNext() is not { } next)
                {
                    return false;
                }

                _ready.Add(new Item(null, null, next));
            }

            var index = _choices.Next(_ready.Count);
            item = _ready[index];
            _ready[index] = _ready[^1];
            _ready.RemoveAt(_ready.Count - 1);
        }

        item.Run(this);
        return true;
    }

    string Stamp() => _clock.Elapsed.TotalMilliseconds.ToString("000000.000", System.Globalization.CultureInfo.InvariantCulture);

    void Record(string line)
    {
        if (!_tracing)
        {
            return;
        }

        foreach (var c in line)
        {
            _hash = (_hash ^ c) * 1099511628211UL;
        }

        _hash = (_hash ^ '\n') * 1099511628211UL;
        if (_trace.Count < MaxTraceLines)
        {
            _trace.Add(line);
        }
    }

    SimulationFailedException Failed(string why, Exception? inner)
    {
        var message = $"Simulation failed with seed {Seed} at {Elapsed.TotalMilliseconds:0.###} ms simulated, step {_steps:N0}: {why}{Environment.NewLine}Replay: Simulation.RunAsync({Seed}, ...)";
        return new SimulationFailedException(Seed, message, [.. _trace], inner);
    }
}
