using System.Buffers;
using MemoryPack;
using Typed.CompilerServices;

namespace Typed.Distribution.Framing;

// The frames a connection sends, one class each; every field order here is the wire format
// documented in docs/protocol.md, and FrameReaders reads them back in the same order.

internal sealed class TickFrame : OutFrame
{
    public static readonly TickFrame Instance = new();

    public override FrameKind Kind => FrameKind.Tick;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
    }
}

/// <summary>Hello (client) or Challenge (server): who is speaking, what it can do, and a fresh nonce.</summary>
internal sealed class GreetingFrame(FrameKind kind, byte status, ushort version, ulong flags, string name, uint creation, byte[] nonce) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(status, version, flags, creation);
        writer.WriteString(name);
        writer.WriteUnmanagedArray(nonce);
    }
}

/// <summary>Proof (client) or Ack (server): an HMAC over the nonces and names, keyed by the cookie.</summary>
internal sealed class ProofFrame(FrameKind kind, byte[] mac) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers) => writer.WriteUnmanagedArray(mac);
}

internal sealed class RefuseFrame(string reason) : OutFrame
{
    public override FrameKind Kind => FrameKind.Refuse;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers) => writer.WriteString(reason);
}

/// <summary>A plain send (info message), to a pid or to a registered name.</summary>
internal sealed class SendFrame(Pid to, string? name, int messageId, object message, MessageCodec codec) : OutFrame
{
    public override FrameKind Kind => name is null ? FrameKind.Send : FrameKind.SendNamed;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        if (name is null)
        {
            peers.Write(ref writer, to);
        }
        else
        {
            writer.WriteString(name);
        }

        writer.WriteUnmanaged(messageId);
        codec.Write(ref writer, message);
    }
}

/// <summary>A call or a cast to a pid or a name; a call carries its reference and caller.</summary>
internal sealed class RequestFrame(FrameKind kind, ulong callRef, Pid from, Pid to, string? name, int messageId, object message, MessageCodec codec) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(callRef, messageId);
        peers.Write(ref writer, from);
        peers.Write(ref writer, to);
        writer.WriteString(name);
        codec.Write(ref writer, message);
    }
}

internal sealed class ReplyFrame(ulong callRef, ReplyStatus status, object? value, MessageCodec? codec) : OutFrame
{
    public override FrameKind Kind => FrameKind.Reply;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(callRef, (byte)status);
        switch (status)
        {
            case ReplyStatus.Ok:
                codec!.Write(ref writer, value);
                break;
            case ReplyStatus.Exited:
                var (exited, reason) = ((Pid, ExitReason))value!;
                peers.Write(ref writer, exited);
                writer.WriteValue(reason);
                break;
            case ReplyStatus.Raised:
                var (type, message, stack) = ((string, string, string?))value!;
                writer.WriteString(type);
                writer.WriteString(message);
                writer.WriteString(stack);
                break;
            case ReplyStatus.Undefined:
                var (functionId, why) = ((int, string))value!;
                writer.WriteUnmanaged(functionId);
                writer.WriteString(why);
                break;
            default:
                var (callee, detail) = ((Pid, string))value!;
                peers.Write(ref writer, callee);
                writer.WriteString(detail);
                break;
        }
    }
}

/// <summary>An RPC call or cast: a generated function id and its generated arguments record (a cast's reference is zero).</summary>
internal sealed class RpcRequestFrame(FrameKind kind, ulong callRef, int functionId, Pid from, object args, MessageCodec codec) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(callRef, functionId);
        peers.Write(ref writer, from);
        codec.Write(ref writer, args);
    }
}

/// <summary>Link, Unlink, Exit: a signal between two processes; Exit carries its reason.</summary>
internal sealed class SignalFrame(FrameKind kind, Pid from, Pid to, ExitReason? reason = null, bool viaLink = false) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        peers.Write(ref writer, from);
        peers.Write(ref writer, to);
        if (kind == FrameKind.Exit)
        {
            writer.WriteValue(reason);
            writer.WriteUnmanaged(viaLink);
        }
    }
}

/// <summary>Monitor, Demonitor (watcher → target), Down (target's node → watcher's) with the reason.</summary>
internal sealed class MonitorFrame(FrameKind kind, Pid watcher, Pid target, MonitorRef monitor, ExitReason? reason = null) : OutFrame
{
    public override FrameKind Kind => kind;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        peers.Write(ref writer, watcher);
        peers.Write(ref writer, target);
        writer.WriteValue(monitor);
        if (kind == FrameKind.Down)
        {
            writer.WriteValue(reason);
        }
    }
}

/// <summary>Asks the peer to spawn a behaviour by its generated id, with start arguments and options.</summary>
internal sealed class SpawnRequestFrame(ulong requestId, Pid from, int behaviourId, bool link, MonitorRef? monitor, string? name, object? args, MessageCodec? codec) : OutFrame
{
    public override FrameKind Kind => FrameKind.SpawnRequest;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(requestId, behaviourId, link, monitor.HasValue);
        peers.Write(ref writer, from);
        if (monitor is { } m)
        {
            writer.WriteValue(m);
        }

        writer.WriteString(name);
        writer.WriteUnmanaged(codec is not null);
        codec?.Write(ref writer, args);
    }
}

internal sealed class SpawnReplyFrame(ulong requestId, Pid pid, string? error) : OutFrame
{
    public override FrameKind Kind => FrameKind.SpawnReply;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers)
    {
        writer.WriteUnmanaged(requestId);
        peers.Write(ref writer, pid);
        writer.WriteString(error);
    }
}

/// <summary>The visible nodes the sender is connected to, so the receiver can complete the mesh.</summary>
internal sealed class PeersFrame(string[] nodes) : OutFrame
{
    public override FrameKind Kind => FrameKind.Peers;

    public override void WriteBody(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, FramePeers peers) => writer.WriteArray(nodes);
}
