using System.Diagnostics;

namespace Typed.Testing;

/// <summary>
/// The clock of a <see cref="Simulation"/>: it stands still while work runs and jumps to the next
/// timer when there is none, so a minute of ticks and timeouts takes as long as the work in it.
/// </summary>
/// <remarks>
/// Timestamps count at <see cref="Stopwatch.Frequency"/> (what <see cref="Scheduling.SimulationContext.Time"/>
/// requires) from 0; <see cref="GetUtcNow"/> starts at a fixed date, so a run does not read the real
/// time anywhere. Timers due at the same instant fire in the order they were set.
/// </remarks>
internal sealed class SimulatedClock(Simulation simulation) : TimeProvider
{
    static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly PriorityQueue<Timer, (long Due, long Order)> _timers = new();
    long _now;
    long _order;

    /// <summary>The time since the simulation started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _now);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public override DateTimeOffset GetUtcNow() => Epoch + Elapsed;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        simulation.CheckThread("a timer");
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The earliest armed timer due at or before now, taken off the queue; null when none is due.</summary>
    public Timer? TakeDue() => TakeEarliest(_now);

    /// <summary>Moves the clock to the earliest armed timer and takes it; null when no timer is armed.</summary>
    public Timer? AdvanceToNext()
    {
        lock (_timers)
        {
            while (_timers.TryPeek(out var timer, out var key))
            {
                if (timer.Due != key.Due || timer.Order != key.Order)
                {
                    _timers.Dequeue();   // changed or disposed since it was queued
                    continue;
                }

                Volatile.Write(ref _now, Math.Max(_now, key.Due));
                return TakeEarliest(_now);
            }

            return null;
        }
    }

    Timer? TakeEarliest(long now)
    {
        lock (_timers)
        {
            while (_timers.TryPeek(out var timer, out var key) && key.Due <= now)
            {
                _timers.Dequeue();
                if (timer.Due == key.Due && timer.Order == key.Order)
                {
                    timer.Fired();
                    return timer;
                }
            }

            return null;
        }
    }

    void Arm(Timer timer, long due)
    {
        lock (_timers)
        {
            timer.Due = due;
            timer.Order = ++_order;
            _timers.Enqueue(timer, (due, timer.Order));
        }
    }

    static long Ticks(TimeSpan span) => (long)(span.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

    /// <summary>A timer on the simulated clock; firing it runs its callback on the simulation's thread.</summary>
    internal sealed class Timer(SimulatedClock clock, TimerCallback callback, object? state) : ITimer
    {
        long _period = -1;

        /// <summary>When it is due (a clock timestamp), or -1 when disarmed.</summary>
        public long Due { get; set; } = -1;

        /// <summary>The order it was armed in, which breaks ties between timers due at the same instant.</summary>
        public long Order { get; set; }

        public void Run() => callback(state);

        /// <summary>Taken off the queue to fire: a periodic timer is armed again for its next period.</summary>
        public void Fired()
        {
            if (_period > 0)
            {
                clock.Arm(this, Due + _period);
            }
            else
            {
                Due = -1;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._timers)
            {
                if (Order < 0)
                {
                    return false;
                }

                _period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? -1 : Math.Max(1, Ticks(period));
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    Due = -1;
                    Order = ++clock._order;   // whatever was queued is stale now
                }
                else
                {
                    clock.Arm(this, clock._now + Math.Max(0, Ticks(dueTime)));
                }

                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._timers)
            {
                Due = -1;
                Order = -1;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
