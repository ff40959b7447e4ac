using System.Buffers;

namespace Typed.Distribution.Protocol;

/// <summary>What frames about the connection itself ask of the kernel.</summary>
internal interface IConnectionFrames
{
    void Tick(string peer);

    /// <summary>The peer's visible nodes, to complete the mesh.</summary>
    void Peers(string peer, string[] nodes);
}

/// <summary>
/// What a peer's frames ask of this node's processes, decoded (<see cref="FrameDecoder"/>): the
/// router implements it. User payloads arrive as bytes, for the codec the target's behaviour picks;
/// they are only valid during the call, unless the router keeps a large one's buffers through the lease.
/// </summary>
internal interface ISignalFrames
{
    void Send(string peer, Pid to, string? name, int messageId, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease);

    void Request(string peer, bool isCall, ulong callRef, int messageId, Pid from, Pid to, string? name, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease);

    void CancelCall(string peer, ulong callRef);

    void Reply(string peer, ulong callRef, in ReplyOutcome outcome, IFrameLease? lease);

    void Link(string peer, Pid from, Pid to);

    void Unlink(string peer, Pid from, Pid to);

    void Exit(string peer, Pid from, Pid to, ExitReason reason, bool viaLink);

    void Monitor(string peer, Pid watcher, Pid target, MonitorRef monitor);

    void Demonitor(string peer, Pid watcher, Pid target, MonitorRef monitor);

    void Down(string peer, Pid watcher, Pid target, MonitorRef monitor, ExitReason reason);

    void SpawnRequest(string peer, in SpawnRequest request);

    void SpawnReply(string peer, ulong requestId, Pid pid, string? error);

    void Rpc(string peer, bool isCall, ulong callRef, int functionId, Pid from, in ReadOnlySequence<byte> args, FrameHeaders headers);
}

/// <summary>A reply frame, decoded: the fields its status carries; an Ok reply's value is still bytes.</summary>
internal readonly struct ReplyOutcome
{
    public ReplyStatus Status { get; init; }

    /// <summary>Exited, Unhandled: the process called.</summary>
    public Pid Callee { get; init; }

    /// <summary>Exited: why.</summary>
    public ExitReason? Reason { get; init; }

    /// <summary>Unhandled, Undefined: what; Raised: the exception's message.</summary>
    public string? Detail { get; init; }

    /// <summary>Raised: the exception's type name.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>Raised: the exception's stack text.</summary>
    public string? StackTrace { get; init; }

    /// <summary>Undefined: the function asked for.</summary>
    public int FunctionId { get; init; }

    /// <summary>Ok: the value, serialized by the reply type's codec.</summary>
    public ReadOnlySequence<byte> Payload { get; init; }
}

/// <summary>A spawn request, decoded; its start arguments are still bytes.</summary>
internal readonly struct SpawnRequest
{
    public ulong RequestId { get; init; }

    public int BehaviourId { get; init; }

    public bool Link { get; init; }

    /// <summary>Whether the reply waits for the new process's init hook.</summary>
    public bool AfterInit { get; init; }

    public Pid From { get; init; }

    public MonitorRef? Monitor { get; init; }

    public string? Name { get; init; }

    public bool HasArgs { get; init; }

    public ReadOnlySequence<byte> Args { get; init; }

    /// <summary>The request's metadata (deadline, trace context), when it came with any.</summary>
    public FrameHeaders Headers { get; init; }
}
