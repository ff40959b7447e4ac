using System.Diagnostics;
using System.Net;
using Typed;

namespace Typed.Testing.Tests;

/// <summary>Two nodes over real TCP on 127.0.0.1, a's connection to b through a <see cref="FaultProxy"/>.</summary>
public class FaultProxyTests
{
    static int s_counter;

    sealed class Pair : IAsyncDisposable
    {
        public required Node A { get; init; }

        public required Node B { get; init; }

        public required FaultProxy Proxy { get; init; }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }

    /// <summary>Starts b, a proxy to it, and a, which dials b through the proxy.</summary>
    static async Task<Pair> StartAsync(TimeSpan? tick = null)
    {
        var n = Interlocked.Increment(ref s_counter);
        var b = await Node.StartAsync(TcpNodes.Options($"pb{n}@127.0.0.1", tick ?? TimeSpan.FromSeconds(60)));
        var proxy = FaultProxy.Start(b.DistributionEndpoint!);
        var options = TcpNodes.Options($"pa{n}@127.0.0.1", tick ?? TimeSpan.FromSeconds(60));
        options.Distribution.StaticAddresses[b.Name] = proxy.Endpoint;
        var a = await Node.StartAsync(options);
        Assert.True(await a.ConnectAsync(b.Name));
        Assert.Equal(1, proxy.Connections);
        return new Pair { A = a, B = b, Proxy = proxy };
    }

    [Fact]
    public async Task Latency_each_way_slows_a_call_by_both()
    {
        await using var pair = await StartAsync();
        var counter = pair.A.Ref<Counter>(pair.B.Spawn<Counter>().Pid);
        Assert.Equal(1, await counter.Add(1));

        pair.Proxy.SetLatency(ProxyDirection.Both, TimeSpan.FromMilliseconds(40));
        var clock = Stopwatch.StartNew();
        Assert.Equal(2, await counter.Add(1));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(75), $"took {clock.Elapsed.TotalMilliseconds} ms");

        pair.Proxy.Heal();
        Assert.Equal(3, await counter.Add(1));
    }

    [Fact]
    public async Task A_blackhole_is_seen_as_silence_at_the_tick_and_a_reset_at_once()
    {
        await using var pair = await StartAsync(TimeSpan.FromSeconds(1));
        var (a, b) = (pair.A, pair.B);
        var downsAtA = 0;
        var downsAtB = 0;
        using var watchA = a.MonitorNodes(null, _ => Interlocked.Increment(ref downsAtA));
        using var watchB = b.MonitorNodes(null, _ => Interlocked.Increment(ref downsAtB));

        pair.Proxy.Blackhole(ProxyDirection.Upstream);   // b hears nothing from a
        await WaitAsync(() => Volatile.Read(ref downsAtB) > 0, "b takes a down at its tick");

        pair.Proxy.Heal();
        await ConnectAsync(a, b);
        var (atA, atB) = (Volatile.Read(ref downsAtA), Volatile.Read(ref downsAtB));

        // A reset is seen on both sides (they may connect again at once: the downs are counted, not the view).
        Assert.Equal(1, pair.Proxy.Reset());
        await WaitAsync(() => Volatile.Read(ref downsAtA) > atA && Volatile.Read(ref downsAtB) > atB, "a reset takes the connection down on both sides");
        await ConnectAsync(a, b);
    }

    [Fact]
    public async Task A_bandwidth_limit_paces_a_large_message()
    {
        await using var pair = await StartAsync();
        var counter = pair.A.Ref<Counter>(pair.B.Spawn<Counter>().Pid);
        await counter.Add(0);

        pair.Proxy.SetBandwidth(ProxyDirection.Upstream, 1 << 20);   // 1 MiB/s
        var clock = Stopwatch.StartNew();
        Assert.Equal(256 << 10, await counter.WithTimeout(TimeSpan.FromSeconds(30)).Length(new byte[256 << 10]));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(200), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void Forwards_to_loopback_addresses_only()
    {
        Assert.Throws<ArgumentException>(() => FaultProxy.Start(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 4370)));
    }

    static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), what);
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Connects a to b again (through the proxy), trying until a deadline, and waits until both see the
    /// connection (the old one may still be closing; b registers the new one a moment after a).
    /// </summary>
    static async Task ConnectAsync(Node a, Node b)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await a.ConnectAsync(b.Name) && a.Nodes.Contains(b.Name) && b.Nodes.Contains(a.Name)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "a connects to b again");
            await Task.Delay(10);
        }
    }
}
