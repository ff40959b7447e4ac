using System.Buffers;
using MemoryPack;
using Typed.CompilerServices;
using Typed.Supervision;

namespace Typed.Serialization;

// The supervisor requests and replies on the wire, so a supervisor on another node can be managed
// (WhichChildren, StartChild with a spec or start arguments, ...). Read checked like the runtime's
// other types: lengths and counts against what is left, enum values against their members; a spec
// naming a behaviour this node does not have becomes a request the supervisor refuses with the
// reason, not a broken connection.

/// <summary><see cref="ChildRequest"/>: id, pid, spec, start arguments (with their behaviour id).</summary>
internal sealed class ChildRequestFormatter : MemoryPackFormatter<ChildRequest>
{
    const byte Members = 4;

    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ChildRequest? value)
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(Members);
        writer.WriteString(value.Id);
        writer.WriteValue(value.Pid);
        if (value.Spec is { } spec)
        {
            writer.WriteObjectHeader(9);
            writer.WriteString(spec.Id);
            writer.WriteUnmanaged(spec.Restart, spec.Shutdown, spec.Significant, spec.SplitBrain);
            writer.WriteString(spec.Name);
            var placement = spec.Placement.Wire;
            writer.WriteUnmanaged(placement.Kind, placement.Takeover);
            writer.WriteUnmanaged(placement.Nodes.Length);
            foreach (var node in placement.Nodes)
            {
                writer.WriteString(node);
            }

            WireStartArgs.Write(ref writer, spec.Behaviour, spec.StartArgs);
        }
        else
        {
            writer.WriteNullObjectHeader();
        }

        WireStartArgs.Write(ref writer, value.Args is null ? null : value.ArgsBehaviour, value.Args);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ChildRequest? value)
    {
        if (!CheckedReads.Object(ref reader, Members, nameof(ChildRequest)))
        {
            value = null;
            return;
        }

        var id = CheckedReads.String(ref reader, nameof(ChildRequest));
        var pid = reader.ReadValue<Pid>();
        var (spec, invalid) = ReadSpec(ref reader);
        var (argsBehaviour, args, argsInvalid) = WireStartArgs.Read(ref reader);
        value = new ChildRequest(id, pid, spec, args, argsBehaviour, invalid ?? argsInvalid);
    }

    static (ChildSpec? Spec, string? Invalid) ReadSpec(ref MemoryPackReader reader)
    {
        if (!CheckedReads.Object(ref reader, 9, nameof(ChildSpec)))
        {
            return (null, null);
        }

        var id = CheckedReads.String(ref reader, nameof(ChildSpec));
        reader.ReadUnmanaged(out Restart restart, out int shutdown, out bool significant, out SplitBrain splitBrain);
        var name = CheckedReads.String(ref reader, nameof(ChildSpec));
        reader.ReadUnmanaged(out byte kind, out bool takeover, out int count);
        if (count < 0 || count > reader.Remaining / 4)
        {
            throw new MemoryPackSerializationException($"{nameof(ChildSpec)}: {count} placement nodes announced, {reader.Remaining} bytes left");
        }

        var nodes = new string[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = CheckedReads.String(ref reader, nameof(ChildSpec)) ?? "";
        }

        var (behaviour, args, invalid) = WireStartArgs.Read(ref reader);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        if (behaviour is null || id is null)
        {
            return (null, "{bad_child_spec,no behaviour or id}");
        }

        if (Placement.FromWire(new PlacementWire(kind, nodes, takeover)) is not { } placement)
        {
            return (null, "{bad_child_spec,placement}");
        }

        try
        {
            return (ChildSpec.FromWire(id, behaviour, args, restart, shutdown, significant, name, placement, splitBrain), null);
        }
        catch (ArgumentException ex)
        {
            return (null, "{bad_child_spec," + ex.Message + "}");
        }
    }
}

/// <summary>Start arguments inside a supervisor request: the behaviour's id, then its StartArgs record as bytes its own codec reads.</summary>
internal static class WireStartArgs
{
    public static void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, BehaviourDescriptor? behaviour, object? args)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (behaviour is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(2);
        writer.WriteUnmanaged(behaviour.Id);
        if (args is null || behaviour.StartArgs is not { } codec)
        {
            writer.WriteNullCollectionHeader();
            return;
        }

        var bytes = new ArrayBufferWriter<byte>();
        codec.Serialize(bytes, args);
        writer.WriteUnmanagedSpan(bytes.WrittenSpan);
    }

    /// <summary>The behaviour and its arguments; or why they cannot be read here (an unknown behaviour, say).</summary>
    public static (BehaviourDescriptor? Behaviour, object? Args, string? Invalid) Read(ref MemoryPackReader reader)
    {
        if (!CheckedReads.Object(ref reader, 2, "start arguments"))
        {
            return (null, null, null);
        }

        reader.ReadUnmanaged(out int behaviourId);
        if (reader.Remaining < 4)
        {
            throw new MemoryPackSerializationException("start arguments: a length past the end of the message");
        }

        // A null array's header is -1; any other negative length, or one past the end, is refused.
        reader.TryPeekCollectionHeader(out var length);
        if (length < -1 || length > reader.Remaining - 4)
        {
            throw new MemoryPackSerializationException($"start arguments: {length} bytes announced, {reader.Remaining - 4} left");
        }

        var bytes = reader.ReadUnmanagedArray<byte>();
        if (!BehaviourRegistry.TryGet(behaviourId, out var behaviour))
        {
            return (null, null, "{unknown_behaviour," + behaviourId + "}");
        }

        if ((bytes is not null) != (behaviour.StartArgs is not null))
        {
            return (null, null, "{bad_start_args," + behaviour.Name + "}");
        }

        return (behaviour, bytes is null ? null : behaviour.StartArgs!.Deserialize(new ReadOnlySequence<byte>(bytes)), null);
    }
}

/// <summary><see cref="ChildReply"/>: pid, error (-1 for none), exit reason.</summary>
internal sealed class ChildReplyFormatter : MemoryPackFormatter<ChildReply>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ChildReply? value)
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteObjectHeader(3);
        writer.WriteValue(value.Pid);
        writer.WriteUnmanaged(value.Error is { } error ? (int)error : -1);
        writer.WriteValue(value.Reason);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ChildReply? value)
    {
        if (!CheckedReads.Object(ref reader, 3, nameof(ChildReply)))
        {
            value = null;
            return;
        }

        var pid = reader.ReadValue<Pid>();
        reader.ReadUnmanaged(out int error);
        if (error != -1 && !Enum.IsDefined((SupervisorError)error))
        {
            throw new MemoryPackSerializationException($"{nameof(ChildReply)}: unknown error {error}");
        }

        value = new ChildReply(pid, error == -1 ? null : (SupervisorError)error, reader.ReadValue<ExitReason>());
    }
}

/// <summary>What <c>WhichChildren</c> answers: a count checked against the bytes left, then each child.</summary>
internal sealed class ChildInfosFormatter : MemoryPackFormatter<ChildInfo[]>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ChildInfo[]? value)
    {
        if (value is null)
        {
            writer.WriteNullCollectionHeader();
            return;
        }

        writer.WriteCollectionHeader(value.Length);
        foreach (var child in value)
        {
            writer.WriteObjectHeader(5);
            writer.WriteString(child.Id);
            writer.WriteValue(child.Pid);
            writer.WriteUnmanaged(child.Status, child.Type);
            writer.WriteString(child.Behaviour);
        }
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ChildInfo[]? value)
    {
        if (reader.Remaining < 4)
        {
            throw new MemoryPackSerializationException("children: a count past the end of the message");
        }

        if (!reader.TryReadCollectionHeader(out var count))
        {
            value = null;
            return;
        }

        // Each child takes more than one byte: a count above what is left is a lie.
        if (count < 0 || count > reader.Remaining)
        {
            throw new MemoryPackSerializationException($"children: {count} announced, {reader.Remaining} bytes left");
        }

        var children = new ChildInfo[count];
        for (var i = 0; i < count; i++)
        {
            if (!CheckedReads.Object(ref reader, 5, nameof(ChildInfo)))
            {
                throw new MemoryPackSerializationException("children: a null child");
            }

            var id = CheckedReads.String(ref reader, nameof(ChildInfo)) ?? "";
            var pid = reader.ReadValue<Pid>();
            reader.ReadUnmanaged(out ChildStatus status, out ChildType type);
            if (!Enum.IsDefined(status) || !Enum.IsDefined(type))
            {
                throw new MemoryPackSerializationException($"{nameof(ChildInfo)}: unknown status {(int)status} or type {(int)type}");
            }

            children[i] = new ChildInfo(id, pid, status, type, CheckedReads.String(ref reader, nameof(ChildInfo)) ?? "");
        }

        value = children;
    }
}

/// <summary><see cref="ChildCounts"/>: four counts, none negative.</summary>
internal sealed class ChildCountsFormatter : MemoryPackFormatter<ChildCounts>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ChildCounts value) =>
        writer.WriteUnmanaged(value.Specs, value.Active, value.Supervisors, value.Workers);

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ChildCounts value)
    {
        reader.ReadUnmanaged(out int specs, out int active, out int supervisors, out int workers);
        value = specs < 0 || active < 0 || supervisors < 0 || workers < 0
            ? throw new MemoryPackSerializationException($"{nameof(ChildCounts)}: a negative count")
            : new ChildCounts(specs, active, supervisors, workers);
    }
}
