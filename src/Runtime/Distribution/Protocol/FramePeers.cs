namespace Typed.Distribution.Protocol;

/// <summary>
/// The two ends of a connection, for writing the pids a frame names compactly: nearly every pid in a
/// frame lives on one end or the other, so its node name goes as a one-byte tag instead of a string.
/// </summary>
/// <remarks>
/// Wire form: a tag byte — 0 empty; 1 on the receiving node, then id (u64) and creation (u32); 2 on
/// the sending node, then id and creation; 3 elsewhere, then node (string), id and creation. Pids
/// inside user messages are user data and keep MemoryPack's form.
/// </remarks>
/// <param name="Local">This node's name.</param>
/// <param name="Remote">The peer's name.</param>
/// <param name="Headers">Whether both ends take request headers (<see cref="Capabilities.Headers"/>).</param>
internal readonly record struct FramePeers(string Local, string Remote, bool Headers = false)
{
    const byte Empty = 0;
    const byte OnReceiver = 1;
    const byte OnSender = 2;
    const byte Full = 3;

    /// <summary>Writes <paramref name="pid"/> in a frame this node sends to <see cref="Remote"/>.</summary>
    public void Write(ref FrameWriter writer, Pid pid)
    {
        if (pid.IsEmpty)
        {
            writer.Byte(Empty);
            return;
        }

        if (pid.Node == Remote || pid.Node == Local)
        {
            writer.Byte(pid.Node == Remote ? OnReceiver : OnSender);
        }
        else
        {
            writer.Byte(Full);
            writer.String(pid.Node);
        }

        writer.UInt64(pid.Id);
        writer.UInt32(pid.Creation);
    }

    /// <summary>Reads a pid from a frame <see cref="Remote"/> sent to this node.</summary>
    /// <exception cref="ProtocolException">An unknown tag or a bad node name.</exception>
    public Pid Read(ref FrameReader reader)
    {
        var tag = reader.Byte();
        string node;
        switch (tag)
        {
            case Empty:
                return default;
            case OnReceiver:
                node = Local;
                break;
            case OnSender:
                node = Remote;
                break;
            case Full:
                node = reader.RequiredString("a pid's node", NodeNames.MaxLength);
                if (!NodeNames.IsValid(node))
                {
                    ProtocolException.Throw("a pid names an invalid node");
                }

                break;
            default:
                ProtocolException.Throw($"unknown pid tag {tag}");
                return default;
        }

        var id = reader.UInt64();
        return new Pid(node, id, reader.UInt32());
    }
}
