using MemoryPack;

namespace Typed;

/// <summary>A connection to another node came up (Erlang's <c>{nodeup, Node}</c>).</summary>
/// <param name="Node">The peer's full name.</param>
[MemoryPackable]
public sealed partial record NodeUp(string Node);

/// <summary>The connection to another node went down (Erlang's <c>{nodedown, Node, [{nodedown_reason, R}]}</c>).</summary>
/// <param name="Node">The peer's full name.</param>
/// <param name="Reason">Why, in words: <c>connection_closed</c>, <c>net_tick_timeout: ...</c>, <c>disconnect</c>, a protocol error...</param>
/// <param name="Kind">Why, as a value to match on.</param>
[MemoryPackable]
public sealed partial record NodeDown(string Node, string Reason, NodeDownKind Kind = NodeDownKind.ConnectionClosed);

/// <summary>Why a connection to another node went down (Erlang's <c>nodedown_reason</c>).</summary>
public enum NodeDownKind
{
    /// <summary>The peer closed the connection, or the carrier failed (<c>connection_closed</c>).</summary>
    ConnectionClosed = 0,

    /// <summary>Nothing came from the peer for the tick time (<c>net_tick_timeout</c>).</summary>
    TickTimeout = 1,

    /// <summary>This node disconnected it (<c>disconnect</c>).</summary>
    Disconnected = 2,

    /// <summary>The peer broke the protocol: a frame this node must not accept.</summary>
    ProtocolError = 3,

    /// <summary>This node is stopping.</summary>
    Stopping = 4,

    /// <summary>A proven new incarnation of the peer replaced the connection.</summary>
    Replaced = 5,

    /// <summary>The peer let too many frames pile up unread: it was cut off so senders learn.</summary>
    Overloaded = 6,
}
