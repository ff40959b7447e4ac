namespace Typed.Distribution.Protocol;

/// <summary>The first byte of every frame's body. Values are part of the wire format (docs/protocol.md).</summary>
internal enum FrameKind : byte
{
    /// <summary>Keeps the connection alive; its body, if any, is ignored.</summary>
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

    /// <summary>The caller gave up on a call (cancelled, or its deadline passed): the callee's token is cancelled.</summary>
    CancelCall = 15,

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

    /// <summary>The first piece of a fragmented frame: stream, total length, bytes (<see cref="Fragments"/>).</summary>
    FragmentStart = 60,

    /// <summary>A further piece of a fragmented frame: stream, sequence number, bytes.</summary>
    Fragment = 61,

    /// <summary>A flag on a request's kind: a header section (<see cref="FrameHeaders"/>) starts the body.</summary>
    HasHeaders = 0x80,
}
