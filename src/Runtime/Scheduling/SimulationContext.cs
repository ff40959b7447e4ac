using System.Diagnostics;

namespace Typed.Scheduling;

/// <summary>
/// A context that runs nodes on one thread, in an order and on a clock it controls: the test kit's
/// deterministic simulation (<c>Typed.Testing.Simulation</c>) derives from it.
/// </summary>
/// <remarks>
/// A node started while this context is <see cref="SynchronizationContext.Current"/> hands every turn
/// of its processes to <see cref="Schedule"/> instead of the thread pool, reads time, delays and
/// timeouts from <see cref="Time"/>, draws its backoff and jitter from <see cref="Random"/>, and the
/// runtime's own awaits resume through <see cref="SynchronizationContext.Post"/> rather than on a pool
/// thread. A derived context decides which queued item runs next; run on one thread, the same
/// decisions give the same run. Outside such a context none of this applies and nodes run on the
/// thread pool as usual.
/// </remarks>
public abstract class SimulationContext : SynchronizationContext
{
    /// <summary>The clock of every node started in this context. Its timestamps must count at <see cref="Stopwatch.Frequency"/>.</summary>
    public abstract TimeProvider Time { get; }

    /// <summary>The random numbers the runtime draws (reconnect backoff, retry jitter, creations).</summary>
    public abstract Random Random { get; }

    /// <summary>Queues a turn of a process (or another runtime work item) to be run later by this context.</summary>
    /// <param name="work">The item to run.</param>
    public abstract void Schedule(IThreadPoolWorkItem work);

    /// <summary>The simulation this thread is running in, or null.</summary>
    internal static SimulationContext? Ambient => Current as SimulationContext;

    /// <summary>
    /// What to pass to <c>ConfigureAwait</c> in library code that may run in a simulation (the runtime's
    /// own awaits do): inside one, the continuation goes back to the simulation's queue; elsewhere the
    /// context is not captured, as with a library's usual <c>ConfigureAwait(false)</c>.
    /// </summary>
    public static bool Capture => Current is SimulationContext;

    /// <summary>
    /// The clock to read, wait on and time out by: the simulation's inside one, <see cref="TimeProvider.System"/>
    /// elsewhere. A handler that waits with <c>Task.Delay(span, SimulationContext.Clock)</c> can be simulated.
    /// </summary>
    public static TimeProvider Clock => Ambient?.Time ?? TimeProvider.System;

    /// <summary>
    /// How the runtime's task sources run their continuations: asynchronously on the thread pool, or,
    /// inside a simulation, in place on its thread (a pool hop from <c>WhenAll</c>, <c>WaitAsync</c> or
    /// <c>AsTask</c> over an asynchronous source would leave the simulation).
    /// </summary>
    internal static bool ContinueAsynchronously => !Capture;

    /// <summary>The creation options of a runtime task source (see <see cref="ContinueAsynchronously"/>).</summary>
    internal static TaskCreationOptions SourceOptions => ContinueAsynchronously ? TaskCreationOptions.RunContinuationsAsynchronously : TaskCreationOptions.None;

    /// <summary>A timestamp of <see cref="Clock"/> (at <see cref="Stopwatch.Frequency"/>).</summary>
    internal static long Timestamp() => Ambient is { } simulation ? simulation.Time.GetTimestamp() : Stopwatch.GetTimestamp();

    /// <summary>The time from <paramref name="start"/> (a <see cref="Timestamp"/>) until now.</summary>
    internal static TimeSpan Elapsed(long start) => Stopwatch.GetElapsedTime(start, Timestamp());

    /// <summary>Milliseconds of <see cref="Clock"/>, for coarse intervals (ticks, guards).</summary>
    internal static long Milliseconds() => Ambient is { } simulation ? simulation.Time.GetTimestamp() / (Stopwatch.Frequency / 1000) : Environment.TickCount64;

    /// <summary>The random numbers to draw here: the simulation's inside one, <see cref="Random.Shared"/> elsewhere.</summary>
    internal static Random Randomness => Ambient?.Random ?? Random.Shared;

    /// <summary>
    /// A source cancelled when <paramref name="linked"/> is, or after <paramref name="delay"/> on
    /// <see cref="Clock"/> (a linked source with <c>CancelAfter</c>, whose timer is the system's).
    /// </summary>
    internal static CancellationTokenSource CancelAfter(TimeSpan delay, CancellationToken linked) => new Timed(delay, linked);

    /// <summary>Queues <paramref name="work"/> on <paramref name="simulation"/> when there is one, else on the thread pool.</summary>
    internal static void Queue(IThreadPoolWorkItem work, SimulationContext? simulation)
    {
        if (simulation is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }
        else
        {
            simulation.Schedule(work);
        }
    }

    sealed class Timed : CancellationTokenSource
    {
        readonly CancellationTokenRegistration _linked;

        public Timed(TimeSpan delay, CancellationToken linked)
            : base(delay, Clock)
        {
            _linked = linked.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _linked.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
