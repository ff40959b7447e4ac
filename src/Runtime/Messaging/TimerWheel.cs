namespace Typed.Messaging;

/// <summary>Something the <see cref="TimerWheel"/> can expire.</summary>
internal interface ITimeout
{
    /// <summary>The wheel slot it sits in, or -1; owned by the wheel under its lock.</summary>
    int WheelSlot { get; set; }

    /// <summary>The wheel tick at which it is due; owned by the wheel under its lock.</summary>
    long WheelDue { get; set; }

    /// <summary>Called once, outside the wheel's lock, when the timeout is due.</summary>
    void Expire();
}

/// <summary>
/// A hashed timer wheel for call timeouts: one timer per node instead of one per call, O(1) add and
/// remove, 10 ms resolution. The timer runs only while timeouts are pending.
/// </summary>
internal sealed class TimerWheel : IDisposable
{
    const int TickMs = 10;
    const int SlotCount = 512;
    const int Mask = SlotCount - 1;

    readonly HashSet<ITimeout>?[] _slots = new HashSet<ITimeout>?[SlotCount];
    readonly Lock _gate = new();
    readonly TimeProvider _time;
    readonly long _started;
    readonly ITimer _timer;
    readonly List<ITimeout> _due = [];
    long _tick;
    int _count;
    bool _running;
    bool _disposed;

    /// <param name="time">The clock it runs on: the system's, or a simulation's.</param>
    public TimerWheel(TimeProvider time)
    {
        _time = time;
        _started = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((TimerWheel)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The number of pending timeouts.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(ITimeout timeout, TimeSpan due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // The first tick at or after the exact due time: a timeout never fires early, and at most
            // two ticks late (this rounding, then the phase of the timer that visits the ticks).
            var elapsed = _time.GetElapsedTime(_started).TotalMilliseconds;
            var dueTick = Math.Max((long)elapsed / TickMs + 1, (long)Math.Ceiling((elapsed + due.TotalMilliseconds) / TickMs));
            var slot = (int)(dueTick & Mask);
            timeout.WheelDue = dueTick;
            timeout.WheelSlot = slot;
            (_slots[slot] ??= []).Add(timeout);
            _count++;
            if (!_running)
            {
                _running = true;
                _timer.Change(TimeSpan.FromMilliseconds(TickMs), TimeSpan.FromMilliseconds(TickMs));
            }
        }
    }

    public void Remove(ITimeout timeout)
    {
        lock (_gate)
        {
            var slot = timeout.WheelSlot;
            if (slot >= 0 && _slots[slot]!.Remove(timeout))
            {
                timeout.WheelSlot = -1;
                _count--;
            }
        }
    }

    long Now() => (long)_time.GetElapsedTime(_started).TotalMilliseconds / TickMs;

    void OnTick()
    {
        List<ITimeout>? due = null;
        lock (_gate)
        {
            var now = Now();
            // After a long stall every slot may hold due entries: visit each slot at most once.
            var from = Math.Max(_tick + 1, now - SlotCount + 1);
            for (var t = from; t <= now; t++)
            {
                var set = _slots[(int)(t & Mask)];
                if (set is null || set.Count == 0)
                {
                    continue;
                }

                foreach (var entry in set)
                {
                    if (entry.WheelDue <= now)
                    {
                        _due.Add(entry);
                    }
                }

                foreach (var entry in _due)
                {
                    set.Remove(entry);
                    entry.WheelSlot = -1;
                }

                if (_due.Count > 0)
                {
                    _count -= _due.Count;
                    due ??= [];
                    due.AddRange(_due);
                    _due.Clear();
                }
            }

            _tick = now;
            if (_count == 0 && _running)
            {
                _running = false;
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        if (due is not null)
        {
            foreach (var entry in due)
            {
                entry.Expire();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _running = false;
        }

        _timer.Dispose();
    }
}
