using Typed.Distribution.Protocol;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>The pool large frames are serialized into and put back together in.</summary>
public class FramePoolTests
{
    const int Large = 4 << 20;

    [Fact]
    public async Task A_large_array_given_back_on_another_thread_is_lent_again_and_dropped_once_idle()
    {
        var pool = new FramePool();
        var first = pool.Rent(Large - 10);
        Assert.Equal(Large, first.Length);

        // Given back on another thread (as the write loop or a decoding process does), it is lent again here.
        await Task.Run(() => pool.Return(first));
        Assert.Equal(Large, pool.Retained);
        var again = pool.Rent(Large);
        Assert.Same(first, again);
        Assert.Equal(0, pool.Retained);
        pool.Return(again);

        // While it has been rented lately a trim keeps it; after the idle time it is dropped.
        Assert.Equal(0, pool.Trim(Environment.TickCount64));
        Assert.Equal(Large, pool.Trim(Environment.TickCount64 + (long)FramePool.Idle.TotalMilliseconds + 1));
        Assert.Equal(0, pool.Retained);
        Assert.NotSame(first, pool.Rent(Large));
    }

    [Fact]
    public void Small_arrays_come_from_the_shared_pool_and_what_is_kept_is_bounded_per_size_and_in_all()
    {
        var pool = new FramePool(perSize: 2, maxRetained: 3 * (long)Large);
        Assert.Equal(1024, pool.Rent(1000).Length);
        Assert.Equal(FramePool.LargeLength, pool.Rent(FramePool.LargeLength / 2 + 1).Length);

        var lent = Enumerable.Range(0, 4).Select(_ => pool.Rent(Large)).ToArray();
        foreach (var array in lent)
        {
            pool.Return(array);
        }

        Assert.Equal(2 * (long)Large, pool.Retained);   // two per size
        pool.Return(pool.Rent(2 * Large));
        Assert.Equal(2 * (long)Large, pool.Retained);   // a third size would pass the limit in all
        Assert.Equal(2, Enumerable.Range(0, 4).Select(_ => pool.Rent(Large)).Count(a => lent.Contains(a)));
    }
}
