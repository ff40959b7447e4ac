using System.Buffers;
using MemoryPack;
using Typed.Distribution.Connections;

namespace Typed.Distribution.Framing;

/// <summary>
/// The two ends of a connection, for writing the pids a frame names compactly: nearly every pid in a
/// frame lives on one end or the other, so its node name goes as a one-byte tag instead of a string.
/// </summary>
/// <remarks>
/// Wire form (protocol version 2): a tag byte — 0 empty; 1 on the receiving node, then id (u64) and
/// creation (u32); 2 on the sending node, then id and creation; 3 elsewhere, then the full MemoryPack
/// <see cref="Pid"/>. Pids inside messages are user data and keep their full form.
/// </remarks>
/// <param name="Local">This node's name.</param>
/// <param name="Remote">The peer's name.</param>
internal readonly record struct FramePeers(string Local, string Remote)
{
    const byte Empty = 0;
    const byte OnReceiver = 1;
    const byte OnSender = 2;
    const byte Full = 3;

    /// <summary>Writes <paramref name="pid"/> in a frame this node sends to <see cref="Remote"/>.</summary>
    public void Write(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, Pid pid)
    {
        if (pid.IsEmpty)
        {
            writer.WriteUnmanaged(Empty);
        }
        else if (pid.Node == Remote)
        {
            writer.WriteUnmanaged(OnReceiver, pid.Id, pid.Creation);
        }
        else if (pid.Node == Local)
        {
            writer.WriteUnmanaged(OnSender, pid.Id, pid.Creation);
        }
        else
        {
            writer.WriteUnmanaged(Full);
            writer.WriteValue(pid);
        }
    }

    /// <summary>Reads a pid from a frame <see cref="Remote"/> sent to this node.</summary>
    /// <exception cref="ProtocolException">An unknown tag.</exception>
    public Pid Read(ref MemoryPackReader reader)
    {
        reader.ReadUnmanaged(out byte tag);
        switch (tag)
        {
            case Empty:
                return default;
            case OnReceiver:
            case OnSender:
                reader.ReadUnmanaged(out ulong id, out uint creation);
                return new Pid(tag == OnReceiver ? Local : Remote, id, creation);
            case Full:
                return reader.ReadValue<Pid>();
            default:
                throw new ProtocolException($"unknown pid tag {tag}");
        }
    }
}
