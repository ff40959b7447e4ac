using Typed.CompilerServices;

namespace Typed.Distribution.Protocol;

// Signals between processes, spawning, and the mesh. Field order is the wire format (docs/protocol.md).

/// <summary>Link, Unlink, Exit: a signal between two processes; Exit carries its reason.</summary>
internal sealed class SignalFrame(FrameKind kind, Pid from, Pid to, ExitReason? reason = null, bool viaLink = false) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.Pid(from, peers);
        writer.Pid(to, peers);
        if (kind == FrameKind.Exit)
        {
            writer.Reason(reason!);
            writer.Bool(viaLink);
        }
    }
}

/// <summary>Monitor, Demonitor (watcher → target), Down (target's node → watcher's) with the reason.</summary>
internal sealed class MonitorFrame(FrameKind kind, Pid watcher, Pid target, MonitorRef monitor, ExitReason? reason = null) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.Pid(watcher, peers);
        writer.Pid(target, peers);
        writer.Monitor(monitor);
        if (kind == FrameKind.Down)
        {
            writer.Reason(reason!);
        }
    }
}

/// <summary>
/// Asks the peer to spawn a behaviour by its generated id, with start arguments and options. With
/// <paramref name="afterInit"/> the peer answers once the new process's init hook has returned (or
/// failed), as a supervisor's synchronous start needs; otherwise as soon as it is spawned.
/// </summary>
internal sealed class SpawnRequestFrame(ulong requestId, Pid from, int behaviourId, bool link, MonitorRef? monitor, string? name, object? args, MessageCodec? codec, bool afterInit = false, FrameHeaders headers = default) : OutFrame
{
    public override FrameKind Kind => FrameKind.SpawnRequest;

    public override FrameHeaders Headers => headers;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.UInt64(requestId);
        writer.Int32(behaviourId);
        writer.Byte(SpawnFlags.Of(link, afterInit));
        writer.Bool(monitor.HasValue);
        writer.Pid(from, peers);
        if (monitor is { } m)
        {
            writer.Monitor(m);
        }

        writer.String(name);
        writer.Bool(codec is not null);
        if (codec is not null)
        {
            writer.Payload(codec, args);
        }
    }
}

/// <summary>The options byte of a spawn request: bit 0 links, bit 1 answers after the init hook; no other bit is set.</summary>
internal static class SpawnFlags
{
    public const byte Link = 1;
    public const byte AfterInit = 2;
    public const byte All = Link | AfterInit;

    public static byte Of(bool link, bool afterInit) => (byte)((link ? Link : 0) | (afterInit ? AfterInit : 0));
}

internal sealed class SpawnReplyFrame(ulong requestId, Pid pid, string? error) : OutFrame
{
    public override FrameKind Kind => FrameKind.SpawnReply;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.UInt64(requestId);
        writer.Pid(pid, peers);
        writer.String(error);
    }
}

/// <summary>The visible nodes the sender is connected to, so the receiver can complete the mesh.</summary>
internal sealed class PeersFrame(string[] nodes) : OutFrame
{
    public override FrameKind Kind => FrameKind.Peers;

    public override void WriteBody(ref FrameWriter writer, FramePeers peers)
    {
        writer.Int32(nodes.Length);
        foreach (var node in nodes)
        {
            writer.String(node);
        }
    }
}
