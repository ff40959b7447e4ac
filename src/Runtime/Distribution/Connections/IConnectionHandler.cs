using System.Buffers;

namespace Typed.Distribution.Connections;

/// <summary>What a started connection reports to the layer above it (the kernel): frames and its end.</summary>
internal interface IConnectionHandler
{
    /// <summary>
    /// A whole frame arrived; its bytes are valid only during the call, unless it was reassembled from
    /// fragments and its buffers are kept through <paramref name="lease"/>.
    /// </summary>
    /// <exception cref="Protocol.ProtocolException">The frame breaks the protocol: the connection closes.</exception>
    void OnFrame(Connection connection, in ReadOnlySequence<byte> body, Protocol.IFrameLease lease);

    /// <summary>The connection closed, once, with the first reason given.</summary>
    void OnClosed(Connection connection, string reason);
}

/// <summary>The limits a connection runs under, from <see cref="DistributionOptions"/>.</summary>
/// <param name="TickTime">Erlang's <c>net_ticktime</c>: a tick every quarter of it when idle; a peer silent this long is cut.</param>
/// <param name="MaxFrameSize">The largest frame accepted from the peer.</param>
/// <param name="OutgoingQueueLimit">How many frames may wait to be written.</param>
internal sealed record ConnectionSettings(TimeSpan TickTime, int MaxFrameSize, int OutgoingQueueLimit);
