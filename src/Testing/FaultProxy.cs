using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Typed.Testing;

/// <summary>Which way bytes go through a <see cref="FaultProxy"/>.</summary>
[Flags]
public enum ProxyDirection
{
    /// <summary>From the client (who connected to the proxy) to the server (the proxy's upstream).</summary>
    Upstream = 1,

    /// <summary>From the server back to the client.</summary>
    Downstream = 2,

    /// <summary>Both ways.</summary>
    Both = Upstream | Downstream,
}

/// <summary>
/// A TCP proxy in the test process, between a client and a server on 127.0.0.1, that injects the faults
/// of a real network into real sockets (toxiproxy's, in-process): latency and jitter, a blackhole one
/// way or both, a bandwidth limit, and resets. Point a node at <see cref="Endpoint"/> instead of the
/// server (<see cref="DistributionOptions.StaticAddresses"/>) and the connection it dials goes through.
/// </summary>
/// <remarks>
/// Design note. A blackhole holds bytes rather than dropping them: TCP does not lose bytes, it stalls
/// and retransmits, so a healed blackhole lets the held bytes through, and one that lasts past the
/// tick time is seen as the peer falling silent. A reset closes both sockets with RST (linger 0), as
/// a crashed host or a middlebox would.
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    readonly TcpListener _listener;
    readonly CancellationTokenSource _stop = new();
    readonly Lock _gate = new();
    readonly List<Pair> _pairs = [];
    readonly Fault _upstream = new();
    readonly Fault _downstream = new();
    readonly Task _accepting;

    FaultProxy(IPEndPoint upstream, TcpListener listener)
    {
        Upstream = upstream;
        _listener = listener;
        Endpoint = (IPEndPoint)listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    /// <summary>Where the proxy listens (127.0.0.1, a port of its own).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Where it forwards to.</summary>
    public IPEndPoint Upstream { get; }

    /// <summary>How many client connections are open through it now.</summary>
    public int Connections
    {
        get
        {
            lock (_gate)
            {
                return _pairs.Count;
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="upstream"/>, listening on 127.0.0.1 on <paramref name="port"/> (any free port when 0).</summary>
    /// <param name="upstream">The server; a loopback address.</param>
    /// <param name="port">The port to listen on.</param>
    public static FaultProxy Start(IPEndPoint upstream, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!IPAddress.IsLoopback(upstream.Address))
        {
            throw new ArgumentException("a fault proxy forwards to a loopback address only", nameof(upstream));
        }

        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new FaultProxy(upstream, listener);
    }

    /// <summary>Adds <paramref name="latency"/>, plus up to <paramref name="jitter"/> more at random, to each chunk of bytes going <paramref name="direction"/>.</summary>
    /// <param name="direction">Which way.</param>
    /// <param name="latency">The delay; zero removes it.</param>
    /// <param name="jitter">The most to add on top, drawn per chunk.</param>
    public void SetLatency(ProxyDirection direction, TimeSpan latency, TimeSpan jitter = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, TimeSpan.Zero);
        foreach (var fault in Faults(direction))
        {
            fault.Latency = (latency, jitter);
        }
    }

    /// <summary>Limits the bytes going <paramref name="direction"/> to <paramref name="bytesPerSecond"/> (0: no limit).</summary>
    /// <param name="direction">Which way.</param>
    /// <param name="bytesPerSecond">The rate.</param>
    public void SetBandwidth(ProxyDirection direction, long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerSecond);
        foreach (var fault in Faults(direction))
        {
            fault.BytesPerSecond = bytesPerSecond;
        }
    }

    /// <summary>Holds every byte going <paramref name="direction"/> (new connections' too) until <see cref="Heal"/>.</summary>
    /// <param name="direction">Which way.</param>
    public void Blackhole(ProxyDirection direction)
    {
        foreach (var fault in Faults(direction))
        {
            fault.Hold();
        }
    }

    /// <summary>Resets every connection open through the proxy (RST both ways); new ones are accepted as before.</summary>
    /// <returns>How many were reset.</returns>
    public int Reset()
    {
        List<Pair> pairs;
        lock (_gate)
        {
            pairs = [.. _pairs];
            _pairs.Clear();
        }

        pairs.ForEach(p => p.Reset());
        return pairs.Count;
    }

    /// <summary>Removes every fault: held bytes flow, latency and limits go.</summary>
    public void Heal()
    {
        foreach (var fault in Faults(ProxyDirection.Both))
        {
            fault.Latency = default;
            fault.BytesPerSecond = 0;
            fault.Release();
        }
    }

    /// <summary>Stops listening and closes every connection through the proxy.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Heal();
        Reset();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }

    IEnumerable<Fault> Faults(ProxyDirection direction)
    {
        if (direction.HasFlag(ProxyDirection.Upstream))
        {
            yield return _upstream;
        }

        if (direction.HasFlag(ProxyDirection.Downstream))
        {
            yield return _downstream;
        }
    }

    async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    async Task ServeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(Upstream, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Pair.Close(client, reset: true);
            server.Dispose();
            return;
        }

        var pair = new Pair(client, server);
        lock (_gate)
        {
            _pairs.Add(pair);
        }

        // Each way ends when its source closes or fails; then both sockets close and the pair goes.
        await Task.WhenAny(PumpAsync(client, server, _upstream, pair.Token), PumpAsync(server, client, _downstream, pair.Token)).ConfigureAwait(false);
        lock (_gate)
        {
            _pairs.Remove(pair);
        }

        pair.Close();
    }

    static async Task PumpAsync(Socket from, Socket to, Fault fault, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await fault.PassAsync(read, cancellationToken).ConfigureAwait(false);
                for (var sent = 0; sent < read;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the connection is gone (or reset): the pair closes
        }
    }

    /// <summary>The faults of one direction, shared by every connection.</summary>
    sealed class Fault
    {
        readonly Lock _gate = new();
        readonly Random _random = new();
        TaskCompletionSource? _hold;

        public (TimeSpan Delay, TimeSpan Jitter) Latency { get; set; }

        public long BytesPerSecond { get; set; }

        public void Hold()
        {
            lock (_gate)
            {
                _hold ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public void Release()
        {
            TaskCompletionSource? hold;
            lock (_gate)
            {
                hold = _hold;
                _hold = null;
            }

            hold?.TrySetResult();
        }

        /// <summary>Waits as the faults say before <paramref name="bytes"/> bytes may go on.</summary>
        public async ValueTask PassAsync(int bytes, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task? hold;
                lock (_gate)
                {
                    hold = _hold?.Task;
                }

                if (hold is null)
                {
                    break;
                }

                await hold.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var (delay, jitter) = Latency;
            if (jitter > TimeSpan.Zero)
            {
                lock (_gate)
                {
                    delay += jitter * _random.NextDouble();
                }
            }

            if (BytesPerSecond is var rate and > 0)
            {
                delay += TimeSpan.FromSeconds((double)bytes / rate);
            }

            // Task.Delay's timers read a coarse clock and may wake a few milliseconds early: a latency
            // is at least what was asked for, so the rest is waited out.
            var start = Stopwatch.GetTimestamp();
            for (var left = delay; left > TimeSpan.Zero; left = delay - Stopwatch.GetElapsedTime(start))
            {
                await Task.Delay(left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    sealed class Pair(Socket client, Socket server)
    {
        readonly CancellationTokenSource _closed = new();

        public CancellationToken Token => _closed.Token;

        public void Reset()
        {
            Close(client, reset: true);
            Close(server, reset: true);
            Cancel();
        }

        public void Close()
        {
            Close(client, reset: false);
            Close(server, reset: false);
            Cancel();
        }

        public static void Close(Socket socket, bool reset)
        {
            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                socket.Close();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // already closed
            }
        }

        void Cancel()
        {
            try
            {
                _closed.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
