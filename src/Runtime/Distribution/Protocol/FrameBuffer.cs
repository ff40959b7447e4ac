using System.Buffers;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Where one frame's body (kind byte first) is serialized before it goes into the pipe: a chain of
/// pooled chunks that double in size, the first of which is kept and reused frame after frame.
/// </summary>
/// <remarks>
/// Design note. A frame's size is known only once it is serialized, and only then can the write
/// loop choose between writing it whole (the common case: one length check and one copy of a few
/// hundred bytes) and splitting it into fragments (<see cref="FragmentStream"/>). Serializing into
/// this buffer rather than the pipe also means a frame that fails or comes out over the cap leaves
/// no bytes in the stream. The cap is enforced while writing, so a message far over it is refused
/// before it is all serialized. One buffer per connection, used by its write loop only.
/// </remarks>
internal sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    readonly List<(byte[] Array, int Length)> _chunks = [];
    byte[]? _current;
    int _position;
    long _completed;
    long _cap = long.MaxValue;

    /// <summary>Bytes written since <see cref="Begin"/>.</summary>
    public long Length => _completed + _position;

    /// <summary>
    /// Starts a frame that may be at most <paramref name="cap"/> bytes long (checked as chunks fill;
    /// the caller checks <see cref="Length"/> at the end); what the last frame left is dropped.
    /// </summary>
    public void Begin(long cap)
    {
        ReturnChunks(keepFirst: true);
        _cap = cap;
    }

    /// <summary>Drops what the last frame left (the first chunk is kept).</summary>
    public void Reset() => ReturnChunks(keepFirst: true);

    /// <summary>
    /// Appends pooled chunks another buffer serialized (<see cref="Detach"/>) without copying them: the
    /// buffer owns them from now on and returns them to the pool with its own.
    /// </summary>
    public void Adopt(List<(byte[] Array, int Length)> chunks)
    {
        if (_current is not null && _position > 0)
        {
            _chunks.Add((_current, _position));
            _completed += _position;
            _current = null;
            _position = 0;
        }

        foreach (var chunk in chunks)
        {
            _chunks.Add(chunk);
            _completed += chunk.Length;
        }
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_current!.Length - _position))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _position += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_position);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_position);

    /// <summary>Copies the frame, chunk by chunk, to <paramref name="destination"/>.</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        foreach (var (array, length) in _chunks)
        {
            destination.Write(array.AsSpan(0, length));
        }

        destination.Write(_current.AsSpan(0, _position));
    }

    /// <summary>Hands the frame's chunks to the caller (who returns them to the pool); the buffer starts empty.</summary>
    public List<(byte[] Array, int Length)> Detach()
    {
        var chunks = new List<(byte[], int)>(_chunks.Count + 1);
        chunks.AddRange(_chunks);
        if (_position > 0)
        {
            chunks.Add((_current!, _position));
            _current = null;
        }

        _chunks.Clear();
        _completed = _position = 0;
        return chunks;
    }

    public void Dispose() => ReturnChunks(keepFirst: false);

    byte[] Reserve(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _position >= sizeHint)
        {
            return _current;
        }

        if (Length > _cap)
        {
            // Checked as each chunk fills (MemoryPack's size hints are worst cases, not sizes), so a
            // message far over the cap is refused before it is all serialized.
            throw new MessageTooLargeException(Length, _cap);
        }

        if (_current is not null)
        {
            if (_position > 0)
            {
                _chunks.Add((_current, _position));
                _completed += _position;
            }
            else
            {
                FramePool.Shared.Return(_current);
            }
        }

        // Chunks double with the frame (64 KiB, 64 KiB, 128 KiB, ...): a large frame takes a few pooled
        // arrays, not a thousand small ones for the GC to move about.
        _current = FramePool.Shared.Rent((int)Math.Max(sizeHint, Math.Clamp(Length, Fragments.Size, 1 << 30)));
        _position = 0;
        return _current;
    }

    void ReturnChunks(bool keepFirst)
    {
        foreach (var (array, _) in _chunks)
        {
            FramePool.Shared.Return(array);
        }

        _chunks.Clear();
        if (_current is not null && (!keepFirst || _current.Length > 4 * Fragments.Size))
        {
            // A large chunk is not kept for the small frames that follow.
            FramePool.Shared.Return(_current);
            _current = null;
        }

        _completed = _position = 0;
    }
}
