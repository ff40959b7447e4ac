namespace Typed.Observer.Views;

/// <summary>A connection's traffic per second between two views of the same node.</summary>
/// <param name="Peer">The peer.</param>
/// <param name="BytesSentPerSecond">Bytes written per second.</param>
/// <param name="BytesReceivedPerSecond">Bytes read per second.</param>
/// <param name="FramesSentPerSecond">Frames (messages, signals, ticks) written per second.</param>
/// <param name="FramesReceivedPerSecond">Frames read per second.</param>
internal sealed record ConnectionRate(string Peer, double BytesSentPerSecond, double BytesReceivedPerSecond, double FramesSentPerSecond, double FramesReceivedPerSecond);
