using System.Diagnostics;

namespace Typed.Distribution.Protocol;

/// <summary>
/// The metadata slot of a request frame (send, call, cast, RPC, spawn): optional headers that cost
/// zero bytes when absent. Sent only when both ends announced <see cref="Capabilities.Headers"/>.
/// </summary>
/// <remarks>
/// Wire form, when present: the frame kind has its high bit set (<see cref="FrameKind.HasHeaders"/>)
/// and the body starts with <c>u8 count</c>, then per header <c>u8 key, u16 length, value</c>.
/// Unknown keys are skipped, so a newer peer can add headers. Key 1, the deadline, is the remaining
/// budget in microseconds (i64) when the frame is written: the two nodes' clocks need not agree.
/// </remarks>
/// <param name="Deadline">The absolute deadline (<see cref="Stopwatch"/> timestamp), or 0 for none.</param>
internal readonly record struct FrameHeaders(long Deadline)
{
    const byte DeadlineKey = 1;

    public bool IsEmpty => Deadline == 0;

    /// <summary>Headers for a deadline <paramref name="timeout"/> from now (none for an infinite one).</summary>
    public static FrameHeaders Within(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout <= TimeSpan.Zero
            ? default
            : new FrameHeaders(Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency));

    /// <summary>The time left before the deadline, never negative; null when there is none.</summary>
    public TimeSpan? Remaining => IsEmpty ? null : TimeSpan.FromTicks(Math.Max(0, (long)((Deadline - Stopwatch.GetTimestamp()) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))));

    public void Write(ref FrameWriter writer)
    {
        writer.Byte(1);
        writer.Byte(DeadlineKey);
        writer.UInt16(8);
        writer.Int64((long)Remaining!.Value.TotalMicroseconds);
    }

    public static FrameHeaders Read(ref FrameReader reader)
    {
        var count = reader.Byte();
        long deadline = 0;
        for (var i = 0; i < count; i++)
        {
            var key = reader.Byte();
            var length = reader.UInt16();
            if (key == DeadlineKey && length == 8)
            {
                var micros = Math.Clamp(reader.Int64(), 0, (long)TimeSpan.FromDays(30).TotalMicroseconds);
                deadline = Stopwatch.GetTimestamp() + (long)(micros / 1e6 * Stopwatch.Frequency);
                continue;
            }

            // An unknown header: skip its value.
            reader.Skip(length);
        }

        return new FrameHeaders(deadline == 0 ? 0 : Math.Max(deadline, 1));
    }
}
