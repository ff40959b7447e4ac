using MemoryPack;
using Typed.CompilerServices;
using Typed.Processes;
using Typed.Registry.Global;

namespace Typed.Serialization;

/// <summary>
/// Writes a <see cref="ProcessRef{T}"/> as what names the process (its pid, or its name and node)
/// and reads it back bound to the node that reads it, so a ref in a message still names the same
/// process on the receiving node. Registered for each behaviour by generated code.
/// </summary>
/// <typeparam name="T">The behaviour.</typeparam>
internal sealed class ProcessRefFormatter<T> : MemoryPackFormatter<ProcessRef<T>>
    where T : class, IProcessBehaviour<T>
{
    const byte Empty = 0;
    const byte ByPid = 1;
    const byte ByName = 2;
    const byte ByGlobalName = 3;

    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ProcessRef<T> value)
    {
        switch (value.IsEmpty ? null : value.Target)
        {
            case null:
                writer.WriteUnmanaged(Empty);
                break;
            case ProcessAddress { Name: { } name } address:
                writer.WriteUnmanaged(ByName);
                writer.WriteString(name);
                writer.WriteString(address.NodeName);
                break;
            case GlobalAddress global:
                writer.WriteUnmanaged(ByGlobalName);
                writer.WriteString(global.Name);
                break;
            default:
                writer.WriteUnmanaged(ByPid);
                var pid = value.Pid;
                writer.WriteValue(pid);
                break;
        }
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ProcessRef<T> value)
    {
        reader.ReadUnmanaged(out byte tag);
        var node = Node.Ambient;
        switch (tag)
        {
            case Empty:
                value = default;
                break;
            case ByPid:
                var pid = reader.ReadValue<Pid>();
                value = node?.FindLocal(pid) is { } cell
                    ? new ProcessRef<T>(cell)
                    : new ProcessRef<T>(new ProcessAddress(node, pid));
                break;
            case ByName:
                var name = CheckedReads.String(ref reader, "ProcessRef") ?? throw new MemoryPackSerializationException("A ProcessRef by name has no name");
                var nodeName = CheckedReads.String(ref reader, "ProcessRef") is { Length: > 0 } n ? n : throw new MemoryPackSerializationException("A ProcessRef by name has no node");
                value = node is null
                    ? throw new MemoryPackSerializationException("A ProcessRef by name can only be read by a node")
                    : new ProcessRef<T>(new ProcessAddress(node, name, nodeName));
                break;
            case ByGlobalName:
                var globalName = CheckedReads.String(ref reader, "ProcessRef") ?? throw new MemoryPackSerializationException("A ProcessRef by global name has no name");
                value = node is null
                    ? throw new MemoryPackSerializationException("A ProcessRef by global name can only be read by a node")
                    : node.Global.At<T>(globalName);
                break;
            default:
                throw new MemoryPackSerializationException($"Unknown ProcessRef tag {tag}");
        }
    }
}
