using Typed.Introspection;

namespace Typed.Distribution.Connections;

/// <summary>What the observer reads of a connection: bytes and frames each way since it came up, and its silences.</summary>
internal sealed partial class Connection
{
    // Each written by one loop (the read loop or the write loop); read anywhere as a snapshot.
    long _bytesSent;
    long _bytesReceived;
    long _framesSent;
    long _framesReceived;

    /// <summary>Counts a flush. Call: the write loop, after each flush.</summary>
    void CountSent(long frames, long bytes)
    {
        Volatile.Write(ref _framesSent, _framesSent + frames);
        Volatile.Write(ref _bytesSent, _bytesSent + bytes);
    }

    /// <summary>Counts a buffer read. Call: the read loop, after each buffer.</summary>
    void CountReceived(long frames, long bytes)
    {
        Volatile.Write(ref _framesReceived, _framesReceived + frames);
        Volatile.Write(ref _bytesReceived, _bytesReceived + bytes);
    }

    /// <summary>The connection as the observer shows it.</summary>
    public ConnectionSnapshot Snapshot()
    {
        var now = SimulationContext.Milliseconds();
        return new ConnectionSnapshot(
            Peer,
            Outgoing,
            PeerHidden,
            RemoteEndPoint,
            Volatile.Read(ref _bytesSent),
            Volatile.Read(ref _bytesReceived),
            Volatile.Read(ref _framesSent),
            Volatile.Read(ref _framesReceived),
            Math.Max(0, now - Volatile.Read(ref _lastReceived)),
            Math.Max(0, now - Volatile.Read(ref _lastSent)),
            Math.Max(0, Volatile.Read(ref _queued)));
    }
}
