using System.Buffers;
using System.Numerics;

namespace Typed.Distribution.Protocol;

/// <summary>
/// The arrays frames are serialized into and put back together in (of at most <c>perSize</c> arrays per
/// size and <c>maxRetained</c> bytes in all): small ones from
/// <see cref="ArrayPool{T}.Shared"/>, large ones (over 512 KiB) from a pool of its own that every
/// thread shares and that lets go of what it has not lent for a while. <see cref="Shared"/> is the
/// one every connection uses; tests make their own.
/// </summary>
/// <remarks>
/// Design note. A large message's arrays are rented on one thread (the sender's, or a connection's
/// read loop) and returned on another (the write loop, or the process that decoded it), and
/// <see cref="ArrayPool{T}.Shared"/> keeps arrays this large for the returning thread only, so each
/// large message took fresh arrays. Touching fresh memory is what made large messages slow: copying
/// 60 MiB into new pages took 0.5-1.9 s on a loaded 2-core machine against 8-13 ms into reused ones,
/// and while a read loop does that, the small frames behind the message wait. This pool keeps up
/// to eight arrays of each power-of-two size from 1 MiB up (512 MiB in all), whichever thread gives
/// them back, and drops a size's arrays once none has been rented for <see cref="Idle"/>, so a burst
/// of large messages does not hold its memory for good.
/// </remarks>
internal sealed class FramePool(int perSize = 8, long maxRetained = 512L << 20)
{
    /// <summary>The smallest array the large pool lends (anything over half of it is rounded up to it).</summary>
    public const int LargeLength = 1 << 20;

    /// <summary>How long a size's arrays are kept while none of them is rented.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    const int SmallestShift = 20;
    const int Sizes = 31 - SmallestShift;   // 1 MiB .. 1 GiB
    static Timer? s_trim;
    readonly Bucket[] _buckets = Enumerable.Range(0, Sizes).Select(_ => new Bucket(perSize)).ToArray();
    long _retained;

    /// <summary>The pool every connection rents from; trimmed every <see cref="Idle"/>.</summary>
    public static FramePool Shared { get; } = new();

    /// <summary>An array of at least <paramref name="length"/> bytes, to be given back with <see cref="Return"/>.</summary>
    public byte[] Rent(int length)
    {
        if (length <= LargeLength / 2)
        {
            return ArrayPool<byte>.Shared.Rent(length);
        }

        var shift = Math.Max(SmallestShift, 32 - BitOperations.LeadingZeroCount((uint)length - 1));
        if (_buckets[shift - SmallestShift].Take() is { } array)
        {
            Interlocked.Add(ref _retained, -array.Length);
            return array;
        }

        return GC.AllocateUninitializedArray<byte>(1 << shift);
    }

    /// <summary>Gives back an array from <see cref="Rent"/>.</summary>
    public void Return(byte[] array)
    {
        if (array.Length < LargeLength || !BitOperations.IsPow2(array.Length))
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }

        // Counted before it is kept, so threads giving back at once cannot together pass the limit.
        if (Interlocked.Add(ref _retained, array.Length) > maxRetained || !_buckets[BitOperations.Log2((uint)array.Length) - SmallestShift].Keep(array))
        {
            Interlocked.Add(ref _retained, -array.Length);
            return;
        }

        if (ReferenceEquals(this, Shared) && Volatile.Read(ref s_trim) is null)
        {
            var timer = new Timer(static _ => Shared.Trim(Environment.TickCount64), null, Timeout.Infinite, Timeout.Infinite);
            if (Interlocked.CompareExchange(ref s_trim, timer, null) is null)
            {
                timer.Change(Idle, Idle);
            }
            else
            {
                timer.Dispose();
            }
        }
    }

    /// <summary>
    /// Drops the arrays of every size none of whose arrays was rented in the <see cref="Idle"/> before
    /// <paramref name="now"/> (<see cref="Environment.TickCount64"/>); returns how many bytes it let go.
    /// </summary>
    public long Trim(long now)
    {
        long dropped = 0;
        foreach (var bucket in _buckets)
        {
            dropped += bucket.Trim(now - (long)Idle.TotalMilliseconds);
        }

        Interlocked.Add(ref _retained, -dropped);
        return dropped;
    }

    /// <summary>Bytes the large pool holds now.</summary>
    public long Retained => Volatile.Read(ref _retained);

    sealed class Bucket(int capacity)
    {
        readonly Lock _gate = new();
        readonly byte[]?[] _arrays = new byte[capacity][];
        int _count;
        long _lastRented = Environment.TickCount64;

        public byte[]? Take()
        {
            lock (_gate)
            {
                _lastRented = Environment.TickCount64;
                if (_count == 0)
                {
                    return null;
                }

                var array = _arrays[--_count]!;
                _arrays[_count] = null;
                return array;
            }
        }

        public bool Keep(byte[] array)
        {
            lock (_gate)
            {
                if (_count == _arrays.Length)
                {
                    return false;
                }

                _arrays[_count++] = array;
                return true;
            }
        }

        public long Trim(long rentedBefore)
        {
            lock (_gate)
            {
                if (_lastRented > rentedBefore || _count == 0)
                {
                    return 0;
                }

                long dropped = 0;
                while (_count > 0)
                {
                    dropped += _arrays[--_count]!.Length;
                    _arrays[_count] = null;
                }

                return dropped;
            }
        }
    }
}
