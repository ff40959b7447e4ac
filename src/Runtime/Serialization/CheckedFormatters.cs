using MemoryPack;

namespace Typed.Serialization;

// The runtime's own value types on the wire, read checked. They keep MemoryPack's layout byte for
// byte (an object header, then the members in order), so what a node writes is unchanged; only the
// reading is Typed's (see CheckedReads). Registered over MemoryPack's generated formatters by
// RuntimeFormatters before anything is read.

/// <summary>Strings anywhere MemoryPack looks a formatter up (collections, dictionaries, a string reply).</summary>
internal sealed class CheckedStringFormatter : MemoryPackFormatter<string>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref string? value) =>
        writer.WriteString(value);

    public override void Deserialize(ref MemoryPackReader reader, scoped ref string? value) =>
        value = CheckedReads.String(ref reader, "string");
}

/// <summary><see cref="Pid"/>: node, id, creation.</summary>
internal sealed class PidFormatter : MemoryPackFormatter<Pid>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref Pid value)
    {
        writer.WriteObjectHeader(3);
        writer.WriteString(value.Node);
        writer.WriteUnmanaged(value.Id, value.Creation);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref Pid value)
    {
        if (!CheckedReads.Object(ref reader, 3, nameof(Pid)))
        {
            value = default;
            return;
        }

        var node = CheckedReads.String(ref reader, nameof(Pid));
        reader.ReadUnmanaged(out ulong id, out uint creation);
        // Only the empty pid (the default value) has no node; no pid has an empty one.
        value = (node is null && (id != 0 || creation != 0)) || node is { Length: 0 }
            ? throw new MemoryPackSerializationException("A pid without a node")
            : new Pid(node!, id, creation);
    }
}

/// <summary><see cref="MonitorRef"/>: node, id.</summary>
internal sealed class MonitorRefFormatter : MemoryPackFormatter<MonitorRef>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref MonitorRef value)
    {
        writer.WriteObjectHeader(2);
        writer.WriteString(value.Node);
        writer.WriteUnmanaged(value.Id);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref MonitorRef value)
    {
        if (!CheckedReads.Object(ref reader, 2, nameof(MonitorRef)))
        {
            value = default;
            return;
        }

        var node = CheckedReads.String(ref reader, nameof(MonitorRef));
        reader.ReadUnmanaged(out ulong id);
        value = new MonitorRef(node!, id);
    }
}

/// <summary><see cref="ExitReason"/>: kind (a known value only), term, exception type, message, stack text.</summary>
internal sealed class ExitReasonFormatter : MemoryPackFormatter<ExitReason>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ExitReason? value)
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        writer.WriteUnmanagedWithObjectHeader(5, value.Kind);
        writer.WriteString(value.Term);
        writer.WriteString(value.ExceptionType);
        writer.WriteString(value.Message);
        writer.WriteString(value.StackTrace);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref ExitReason? value)
    {
        if (!CheckedReads.Object(ref reader, 5, nameof(ExitReason)))
        {
            value = null;
            return;
        }

        reader.ReadUnmanaged(out ExitReasonKind kind);
        if (kind is < ExitReasonKind.Normal or > ExitReasonKind.Custom)
        {
            throw new MemoryPackSerializationException($"An exit reason of unknown kind {(int)kind}");
        }

        value = new ExitReason(
            kind,
            CheckedReads.String(ref reader, nameof(ExitReason)),
            CheckedReads.String(ref reader, nameof(ExitReason)),
            CheckedReads.String(ref reader, nameof(ExitReason)),
            CheckedReads.String(ref reader, nameof(ExitReason)));
    }
}
