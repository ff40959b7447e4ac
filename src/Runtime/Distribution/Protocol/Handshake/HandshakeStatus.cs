namespace Typed.Distribution.Protocol.Handshake;

/// <summary>The acceptor's verdict, sent in the Ack once the dialler's proof is verified (Erlang's <c>ok</c>, <c>nok</c>, <c>alive</c>).</summary>
internal enum HandshakeStatus : byte
{
    Ok = 0,

    /// <summary>Simultaneous connect: the other connection between the two nodes wins; this one closes.</summary>
    Nok = 1,

    /// <summary>Already connected to that incarnation of the node.</summary>
    Alive = 2,

    /// <summary>This node does not accept the connection (stopping, or cut off).</summary>
    NotAllowed = 3,
}
