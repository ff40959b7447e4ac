using System.Buffers;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Puts fragmented frames back together on the receiving side (<see cref="Fragments"/> has the layout
/// and the invariants). Owned by a connection's read loop; every check is made before a byte is buffered.
/// </summary>
internal sealed class FragmentAssembler(int maxFrameSize) : IDisposable
{
    readonly Dictionary<uint, Assembly> _open = [];

    /// <summary>How many streams are open (for tests and diagnostics).</summary>
    public int Open => _open.Count;

    /// <summary>
    /// Takes one FragmentStart or Fragment frame. Returns true when it completed its stream: then
    /// <paramref name="whole"/> is the reassembled body, valid until <see cref="Release"/> is called
    /// with <paramref name="stream"/>.
    /// </summary>
    /// <exception cref="ProtocolException">The frame breaks one of the invariants.</exception>
    public bool Accept(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> whole, out uint stream)
    {
        whole = default;
        var reader = new FrameReader(body);
        var kind = (FrameKind)reader.Byte();
        stream = reader.UInt32();
        var number = reader.UInt32();
        var piece = reader.Rest();
        if (piece.IsEmpty)
        {
            ProtocolException.Throw($"an empty {kind} of stream {stream}");
        }

        Assembly? assembly;
        if (kind == FrameKind.FragmentStart)
        {
            if (number <= Fragments.Size || number > (uint)maxFrameSize)
            {
                ProtocolException.Throw($"a fragmented frame of {number} bytes (fragments carry frames of {Fragments.Size + 1} to {maxFrameSize} bytes)");
            }

            if (_open.ContainsKey(stream))
            {
                ProtocolException.Throw($"fragment stream {stream} started twice");
            }

            if (_open.Count >= Fragments.MaxStreams)
            {
                ProtocolException.Throw($"more than {Fragments.MaxStreams} fragment streams open at once");
            }

            assembly = new Assembly(number);
            _open.Add(stream, assembly);
        }
        else if (!_open.TryGetValue(stream, out assembly))
        {
            ProtocolException.Throw($"a fragment of stream {stream}, which is not open");
        }
        else if (number != assembly.Next)
        {
            ProtocolException.Throw($"fragment {number} of stream {stream} where {assembly.Next} was due");
        }

        if (piece.Length > assembly.Total - assembly.Received)
        {
            ProtocolException.Throw($"fragments of stream {stream} run past its {assembly.Total} bytes");
        }

        assembly.Append(piece);
        if (assembly.Received < assembly.Total)
        {
            return false;
        }

        whole = assembly.Sequence();
        return true;
    }

    /// <summary>The stream's frame has been handled: its buffers go back to the pool.</summary>
    public void Release(uint stream)
    {
        if (_open.Remove(stream, out var assembly))
        {
            assembly.Dispose();
        }
    }

    /// <summary>The connection closed: every open stream's buffers go back to the pool.</summary>
    public void Dispose()
    {
        foreach (var assembly in _open.Values)
        {
            assembly.Dispose();
        }

        _open.Clear();
    }

    /// <summary>One stream's bytes so far, in pooled chunks of <see cref="Fragments.Size"/>, rented as bytes arrive.</summary>
    sealed class Assembly(uint total) : IDisposable
    {
        readonly List<byte[]> _chunks = [];

        public long Total { get; } = total;

        public long Received { get; private set; }

        public uint Next { get; private set; } = 1;

        public void Append(in ReadOnlySequence<byte> piece)
        {
            foreach (var memory in piece)
            {
                var span = memory.Span;
                while (!span.IsEmpty)
                {
                    var offset = (int)(Received % Fragments.Size);
                    if (offset == 0)
                    {
                        _chunks.Add(ArrayPool<byte>.Shared.Rent(Fragments.Size));
                    }

                    var count = Math.Min(span.Length, Fragments.Size - offset);
                    span[..count].CopyTo(_chunks[^1].AsSpan(offset));
                    span = span[count..];
                    Received += count;
                }
            }

            Next++;
        }

        public ReadOnlySequence<byte> Sequence()
        {
            Segment? first = null, last = null;
            var left = Received;
            foreach (var chunk in _chunks)
            {
                var length = (int)Math.Min(left, Fragments.Size);
                left -= length;
                var segment = new Segment(chunk.AsMemory(0, length), last);
                first ??= segment;
                last = segment;
            }

            return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
        }

        public void Dispose()
        {
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
        }
    }

    sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
