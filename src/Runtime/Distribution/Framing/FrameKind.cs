namespace Typed.Distribution.Framing;

/// <summary>The first byte of every frame's body. Values are part of the wire format (docs/protocol.md).</summary>
internal enum FrameKind : byte
{
    Tick = 0,

    Hello = 1,
    Challenge = 2,
    Proof = 3,
    Ack = 4,
    Refuse = 5,

    Send = 10,
    SendNamed = 11,
    Call = 12,
    Cast = 13,
    Reply = 14,

    Link = 20,
    Unlink = 21,
    Exit = 22,
    Monitor = 23,
    Demonitor = 24,
    Down = 25,

    SpawnRequest = 30,
    SpawnReply = 31,

    Peers = 40,

    RpcCall = 50,
    RpcCast = 51,
}
