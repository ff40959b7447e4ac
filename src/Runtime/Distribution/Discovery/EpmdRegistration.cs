using System.Net;
using System.Net.Sockets;

namespace Typed.Distribution.Discovery;

/// <summary>
/// A name registered with a port mapper. The mapper keeps the name exactly as long as this TCP
/// connection lives, so the registration holds it open and watches it: <see cref="Lost"/> completes when
/// the mapper closes it (the mapper stopped, or its host process died); <see cref="DisposeAsync"/> closes
/// it, which unregisters the name.
/// </summary>
internal sealed class EpmdRegistration : IAsyncDisposable
{
    readonly Socket _socket;
    readonly TaskCompletionSource _lost = new(SimulationContext.SourceOptions);
    readonly CancellationTokenSource _stop = new();
    readonly Task _watch;
    int _disposed;

    internal EpmdRegistration(Socket socket, IPEndPoint mapper, string name, int port, uint creation)
    {
        _socket = socket;
        Mapper = mapper;
        Name = name;
        Port = port;
        Creation = creation;
        _watch = WatchAsync();
    }

    /// <summary>The mapper the name is registered with.</summary>
    public IPEndPoint Mapper { get; }

    /// <summary>The registered short name.</summary>
    public string Name { get; }

    /// <summary>The registered listen port.</summary>
    public int Port { get; }

    /// <summary>The creation number the mapper gave this registration (ALIVE2_X_RESP's 32 bits, or ALIVE2_RESP's 16).</summary>
    public uint Creation { get; }

    /// <summary>
    /// Completes when the mapper closes the connection, so the name is no longer registered. Canceled when the
    /// registration is disposed first, so nothing awaits it forever.
    /// </summary>
    public Task Lost => _lost.Task;

    async Task WatchAsync()
    {
        // A mapper never sends anything after its ALIVE2 answer: whatever arrives is ignored, only the end
        // of the stream (or a reset) matters.
        var buffer = new byte[64];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(SimulationContext.Capture) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _lost.TrySetResult();
    }

    /// <summary>Closes the connection, which unregisters the name. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _lost.TrySetCanceled();
        await _stop.CancelAsync().ConfigureAwait(SimulationContext.Capture);
        await _watch.ConfigureAwait(SimulationContext.Capture);
        _socket.Dispose();
        _stop.Dispose();
    }
}
