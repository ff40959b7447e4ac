using System.Buffers;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Puts fragmented frames back together on the receiving side (<see cref="Fragments"/> has the layout
/// and the invariants). Owned by a connection's read loop; every check is made before a byte is buffered.
/// </summary>
internal sealed class FragmentAssembler(int maxFrameSize) : IFrameLease, IDisposable
{
    readonly Dictionary<uint, Assembly> _open = [];
    uint? _completed;

    /// <summary>How many streams are open (for tests and diagnostics).</summary>
    public int Open => _open.Count;

    /// <summary>
    /// Takes the body of one frame as it came off the wire. Returns true when there is a whole frame to
    /// decode in <paramref name="frame"/>: an ordinary frame (the body itself: one byte checked), or the
    /// reassembled body of a fragmented frame whose last piece this was, valid until <see cref="Release"/>.
    /// </summary>
    /// <exception cref="ProtocolException">A fragment breaks one of the invariants.</exception>
    public bool TryTake(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> frame)
    {
        if (!Fragments.IsFragment(FirstByte(body)))
        {
            frame = body;
            return true;
        }

        return Accept(body, out frame);
    }

    /// <summary>The frame <see cref="TryTake"/> reassembled has been handled: its buffers go back to the pool.</summary>
    public void Release()
    {
        if (_completed is { } stream)
        {
            _completed = null;
            Close(stream);
        }
    }

    /// <inheritdoc />
    public IDisposable? Keep()
    {
        if (_completed is not { } stream || !_open.Remove(stream, out var assembly))
        {
            return null;
        }

        _completed = null;
        return assembly;
    }

    bool Accept(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> whole)
    {
        Release();
        whole = default;
        var reader = new FrameReader(body);
        var kind = (FrameKind)reader.Byte();
        var stream = reader.UInt32();
        var number = reader.UInt32();
        var piece = reader.Rest();
        if (piece.IsEmpty)
        {
            ProtocolException.Throw($"an empty {kind} of stream {stream}");
        }

        Assembly? assembly;
        if (kind == FrameKind.FragmentStart)
        {
            if (number > (uint)maxFrameSize)
            {
                ProtocolException.Throw($"a fragmented frame of {number} bytes, over the cap of {maxFrameSize}");
            }

            if (number <= Fragments.Size)
            {
                ProtocolException.Throw($"a fragmented frame of {number} bytes, which goes whole");
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
        if (Fragments.IsFragment(FirstByte(whole)))
        {
            ProtocolException.Throw($"stream {stream} holds a fragment, not a frame");
        }

        _completed = stream;
        return true;
    }

    void Close(uint stream)
    {
        if (_open.Remove(stream, out var assembly))
        {
            assembly.Dispose();
        }
    }

    /// <summary>A body's kind byte (a body is never empty), wherever its first segment ends.</summary>
    static byte FirstByte(in ReadOnlySequence<byte> body)
    {
        var first = body.FirstSpan;
        if (!first.IsEmpty)
        {
            return first[0];
        }

        Span<byte> one = stackalloc byte[1];
        body.Slice(0, 1).CopyTo(one);
        return one[0];
    }

    /// <summary>The connection closed: every open stream's buffers go back to the pool.</summary>
    public void Dispose()
    {
        _completed = null;
        foreach (var assembly in _open.Values)
        {
            assembly.Dispose();
        }

        _open.Clear();
    }

    /// <summary>
    /// One stream's bytes so far, in pooled chunks rented as bytes arrive; each chunk is as large as
    /// all before it (and no larger than what is still to come), so memory follows what arrived and a
    /// large frame takes a few arrays, not a thousand small ones for the GC to move about.
    /// </summary>
    sealed class Assembly(uint total) : IDisposable
    {
        readonly List<byte[]> _chunks = [];
        int _used;

        public long Total { get; } = total;

        public long Received { get; private set; }

        public uint Next { get; private set; }

        public void Append(in ReadOnlySequence<byte> piece)
        {
            foreach (var memory in piece)
            {
                var span = memory.Span;
                while (!span.IsEmpty)
                {
                    if (_chunks.Count == 0 || _used == _chunks[^1].Length)
                    {
                        var size = Math.Min(Math.Max(Received, Fragments.Size), Total - Received);
                        _chunks.Add(FramePool.Shared.Rent((int)size));
                        _used = 0;
                    }

                    var chunk = _chunks[^1];
                    var count = Math.Min(span.Length, chunk.Length - _used);
                    span[..count].CopyTo(chunk.AsSpan(_used));
                    span = span[count..];
                    _used += count;
                    Received += count;
                }
            }

            Next++;
        }

        public ReadOnlySequence<byte> Sequence()
        {
            if (_chunks.Count == 1)
            {
                return new ReadOnlySequence<byte>(_chunks[0], 0, _used);
            }

            Segment? first = null, last = null;
            for (var i = 0; i < _chunks.Count; i++)
            {
                var chunk = _chunks[i];
                var segment = new Segment(chunk.AsMemory(0, i == _chunks.Count - 1 ? _used : chunk.Length), last);
                first ??= segment;
                last = segment;
            }

            return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
        }

        public void Dispose()
        {
            foreach (var chunk in _chunks)
            {
                FramePool.Shared.Return(chunk);
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
