using MemoryPack;

namespace Typed.Introspection;

/// <summary>One connection from the node that took the snapshot to a peer.</summary>
/// <param name="Peer">The peer's name.</param>
/// <param name="Outgoing">Whether this node dialled.</param>
/// <param name="Hidden">Whether the connection is hidden.</param>
/// <param name="RemoteEndPoint">The carrier's address of the peer.</param>
/// <param name="BytesSent">Bytes written to the connection since it came up.</param>
/// <param name="BytesReceived">Bytes read from it since it came up.</param>
/// <param name="FramesSent">Frames written (messages, signals, ticks).</param>
/// <param name="FramesReceived">Frames read.</param>
/// <param name="SinceReceivedMs">Milliseconds since anything arrived from the peer (its ticks included): near the tick time or above means the peer is silent.</param>
/// <param name="SinceSentMs">Milliseconds since this node last flushed anything to the peer.</param>
/// <param name="QueuedFrames">Frames waiting in the outgoing queue.</param>
[MemoryPackable]
public sealed partial record ConnectionSnapshot(
    string Peer,
    bool Outgoing,
    bool Hidden,
    string RemoteEndPoint,
    long BytesSent,
    long BytesReceived,
    long FramesSent,
    long FramesReceived,
    long SinceReceivedMs,
    long SinceSentMs,
    long QueuedFrames);
