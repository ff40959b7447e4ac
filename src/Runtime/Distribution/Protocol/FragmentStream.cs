using System.Buffers;
using System.IO.Pipelines;

namespace Typed.Distribution.Protocol;

/// <summary>
/// One frame being sent in pieces (<see cref="Fragments"/>): its serialized body, where the next piece
/// starts, and the frames of the same sender that wait for it to end. Owned by a connection's write loop.
/// </summary>
internal sealed class FragmentStream
{
    readonly List<(byte[] Array, int Length)> _chunks;
    int _chunk;
    int _offset;
    uint _seq;

    /// <summary>Takes the frame serialized in <paramref name="buffer"/>; the buffer starts empty.</summary>
    public FragmentStream(uint id, FrameBuffer buffer)
    {
        Id = id;
        Total = buffer.Length;
        _chunks = buffer.Detach();
        foreach (var (_, length) in _chunks)
        {
            Pieces += (length + Fragments.Size - 1) / Fragments.Size;
        }
    }

    public uint Id { get; }

    /// <summary>Who sent the frame (see <c>Connection.Enqueue</c>): that sender's later frames wait for this one.</summary>
    public ulong Origin { get; set; }

    /// <summary>The body's length.</summary>
    public long Total { get; }

    /// <summary>How many pieces the body is sent in.</summary>
    public int Pieces { get; }

    /// <summary>How many entries of its connection's queue the stream still stands for (see <c>Connection.Writing</c>).</summary>
    public int Counted { get; set; }

    /// <summary>Frames from the same sender queued after this one, in order: written when it ends.</summary>
    public Queue<OutFrame> Held { get; } = new();

    public bool Done => _chunk == _chunks.Count;

    /// <summary>Writes the next piece (not flushed); returns the bytes written.</summary>
    public int WriteNext(PipeWriter output)
    {
        var (array, length) = _chunks[_chunk];
        var piece = Math.Min(Fragments.Size, length - _offset);
        var written = Fragments.Write(output, Id, _seq++, Total, array.AsSpan(_offset, piece));
        _offset += piece;
        if (_offset == length)
        {
            FramePool.Shared.Return(array);
            _chunks[_chunk] = default;
            _chunk++;
            _offset = 0;
        }

        return written;
    }

    /// <summary>Returns what is left of the body to the pool (the stream ended, or its connection closed).</summary>
    public void Release()
    {
        for (; _chunk < _chunks.Count; _chunk++)
        {
            FramePool.Shared.Return(_chunks[_chunk].Array);
        }
    }
}
