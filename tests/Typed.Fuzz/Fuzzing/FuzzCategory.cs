namespace Typed.Fuzzing;

/// <summary>What part of the node a fuzzed input is fed to.</summary>
internal enum FuzzCategory
{
    /// <summary>A Hello to the accepting node, before any authentication (from a source address of its own).</summary>
    AcceptHello,

    /// <summary>A Proof to the accepting node, after a valid Hello and its Challenge.</summary>
    AcceptProof,

    /// <summary>A Challenge to the node while it dials (the fuzzer accepts).</summary>
    DialChallenge,

    /// <summary>An Ack to the node while it dials, after its Proof.</summary>
    DialAck,

    /// <summary>A request to the node's embedded port mapper (ALIVE2, PORT_PLEASE2, NAMES).</summary>
    PortMapper,

    /// <summary>Every frame kind after a real handshake (ticks, sends, calls, signals, spawns, peers, RPC).</summary>
    Frames,

    /// <summary>Sends, calls, casts and RPC calls to the node's real processes, mutated mostly in their user payload.</summary>
    Payloads,
}
