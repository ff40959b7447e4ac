using System.Diagnostics;

namespace Typed.Distribution.Protocol;

/// <summary>
/// The metadata slot of a request frame (send, call, cast, RPC, spawn): optional headers that cost
/// zero bytes when absent. Sent only when both ends announced <see cref="Capabilities.Headers"/>.
/// </summary>
/// <remarks>
/// Wire form, when present: the frame kind has its high bit set (<see cref="FrameKind.HasHeaders"/>)
/// and the body starts with <c>u8 count</c>, then per header <c>u8 key, u8 length, value</c>.
/// Unknown keys are skipped, so a newer peer can add headers. Key 1, the deadline, is the remaining
/// budget in milliseconds when the frame is written, as an unsigned LEB128 varint (2 bytes for a
/// 5 s timeout): the two nodes' clocks need not agree.
/// </remarks>
/// <param name="Deadline">The absolute deadline (<see cref="Stopwatch"/> timestamp), or 0 for none.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the sender's span (key 2, ASCII), or null.</param>
internal readonly record struct FrameHeaders(long Deadline, string? TraceParent = null)
{
    const byte DeadlineKey = 1;
    const byte TraceParentKey = 2;

    public bool IsEmpty => Deadline == 0 && TraceParent is null;

    /// <summary>Headers for a deadline <paramref name="timeout"/> from now (none for an infinite one).</summary>
    public static FrameHeaders Within(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero
            ? default
            : new FrameHeaders(SimulationContext.Timestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The time left before the deadline, never negative; null when there is none.</summary>
    public TimeSpan? Remaining => IsEmpty ? null : TimeSpan.FromTicks(Math.Max(0, (long)((Deadline - SimulationContext.Timestamp()) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))));

    public void Write(ref FrameWriter writer)
    {
        var trace = TraceParent is { Length: > 0 and <= 128 } ? TraceParent : null;
        writer.Byte((byte)((Deadline != 0 ? 1 : 0) + (trace is null ? 0 : 1)));
        if (trace is not null)
        {
            writer.Byte(TraceParentKey);
            writer.Byte((byte)trace.Length);
            Span<byte> ascii = stackalloc byte[trace.Length];
            System.Text.Encoding.ASCII.GetBytes(trace, ascii);
            writer.Bytes(ascii);
        }

        if (Deadline == 0)
        {
            return;
        }

        Span<byte> varint = stackalloc byte[10];
        var value = (ulong)Math.Max(0, (long)Math.Ceiling(Remaining!.Value.TotalMilliseconds));
        var length = 0;
        do
        {
            var next = (byte)(value & 0x7F);
            value >>= 7;
            varint[length++] = value == 0 ? next : (byte)(next | 0x80);
        }
        while (value != 0);

        writer.Byte(DeadlineKey);
        writer.Byte((byte)length);
        writer.Bytes(varint[..length]);
    }

    public static FrameHeaders Read(ref FrameReader reader)
    {
        var count = reader.Byte();
        long deadline = 0;
        string? trace = null;
        Span<byte> text = stackalloc byte[128];
        for (var i = 0; i < count; i++)
        {
            var key = reader.Byte();
            var length = reader.Byte();
            if (key == DeadlineKey && length is > 0 and <= 6)
            {
                ulong millis = 0;
                for (var shift = 0; shift < 7 * length; shift += 7)
                {
                    millis |= (ulong)(reader.Byte() & 0x7F) << shift;
                }

                millis = Math.Min(millis, (ulong)TimeSpan.FromDays(30).TotalMilliseconds);
                deadline = SimulationContext.Timestamp() + (long)(millis / 1e3 * Stopwatch.Frequency);
                continue;
            }

            if (key == TraceParentKey && length is > 0 and <= 128)
            {
                var ascii = text[..length];
                reader.Bytes(ascii);
                foreach (var b in ascii)
                {
                    if (b is < (byte)' ' or > (byte)'~')
                    {
                        ProtocolException.Throw("a traceparent header that is not printable ASCII");
                    }
                }

                trace = System.Text.Encoding.ASCII.GetString(ascii);
                continue;
            }

            // An unknown header: skip its value.
            reader.Skip(length);
        }

        return new FrameHeaders(deadline == 0 ? 0 : Math.Max(deadline, 1), trace);
    }
}
