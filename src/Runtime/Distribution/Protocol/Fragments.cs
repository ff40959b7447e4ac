using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Fragmentation (OTP 22's, in Typed's frames): a frame whose body is over <see cref="Size"/> bytes is
/// sent as a FragmentStart and Fragment frames that carry its bytes in order, and the write loop puts
/// other frames between them, so a large message does not hold up small ones on the same connection.
/// </summary>
/// <remarks>
/// Design note. The envelope carries an ordinary frame's body (kind byte first), cut in pieces:
/// <code>
/// FragmentStart  kind u8 (60), stream u32, total u32, bytes   the frame's first piece; total = its whole body
/// Fragment       kind u8 (61), stream u32, seq u32, bytes     the next piece; seq 1, 2, ... in order
/// </code>
/// The stream ends when <c>total</c> bytes have arrived; the receiver hands the reassembled body to the
/// decoder as if it had come in one frame. Invariants the receiver enforces
/// (<see cref="FragmentAssembler"/>), closing the connection when one is broken: <c>total</c> is over
/// <see cref="Size"/> and within its own frame cap, checked before anything is buffered; at most
/// <see cref="MaxStreams"/> streams are open at once; a stream id is not reused while open; pieces are
/// not empty, arrive in sequence, and never run past <c>total</c>; a Fragment names an open stream.
/// A sender keeps to the same limits. Buffers are pooled and returned once the frame is handled or the
/// connection closes. Order: a sending process's later frames wait behind its own fragmented frame
/// (so the pair order Erlang promises holds); other processes' frames go between the pieces.
/// </remarks>
internal static class Fragments
{
    /// <summary>Bodies over this many bytes are fragmented, and no piece is longer (64 KiB: a flush's worth).</summary>
    public const int Size = 64 * 1024;

    /// <summary>The most fragment streams open at once on one connection, in each direction.</summary>
    public const int MaxStreams = 8;

    /// <summary>The bytes in front of a piece: frame header, kind, stream, total or sequence.</summary>
    public const int Overhead = Frames.HeaderSize + 1 + 4 + 4;

    /// <summary>Whether a body's first byte is a fragment kind: the one check an ordinary frame pays on arrival.</summary>
    public static bool IsFragment(byte kind) => (uint)(kind - (byte)FrameKind.FragmentStart) <= 1;

    /// <summary>Writes one piece of stream <paramref name="stream"/> (not flushed); returns the bytes written.</summary>
    /// <param name="output">The connection's pipe.</param>
    /// <param name="stream">The stream's id.</param>
    /// <param name="seq">0 for the first piece (then <paramref name="total"/> is written), then 1, 2, ...</param>
    /// <param name="total">The whole body's length.</param>
    /// <param name="piece">The bytes.</param>
    public static int Write(PipeWriter output, uint stream, uint seq, long total, ReadOnlySpan<byte> piece)
    {
        var length = Overhead + piece.Length;
        var span = output.GetSpan(Overhead);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(length - Frames.HeaderSize));
        span[Frames.HeaderSize] = (byte)(seq == 0 ? FrameKind.FragmentStart : FrameKind.Fragment);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(Frames.HeaderSize + 1)..], stream);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(Frames.HeaderSize + 5)..], seq == 0 ? checked((uint)total) : seq);
        output.Advance(Overhead);
        output.Write(piece);
        return length;
    }
}
