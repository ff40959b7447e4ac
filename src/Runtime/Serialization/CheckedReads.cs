using System.Runtime.CompilerServices;
using MemoryPack;

namespace Typed.Serialization;

/// <summary>
/// The reads of a peer's bytes that MemoryPack 1.21.4 would trust, done after checking what the bytes
/// announce against what is left: its string reader takes a length header at its word (the headers
/// 0x80000000-0x80000003 read out of bounds and kill the process), and nothing in it bounds nesting.
/// Every formatter Typed owns (generated message records, positional <c>[MemoryPackable]</c> records
/// the generator takes over, the runtime's pids, monitor refs and exit reasons) reads through these.
/// </summary>
internal static class CheckedReads
{
    /// <summary>Reads a string after checking its header against what is left of the message.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="owner">The type being read, for the error.</param>
    /// <exception cref="MemoryPackSerializationException">The header announces more than is there.</exception>
    public static string? String(ref MemoryPackReader reader, string owner)
    {
        if (reader.Remaining < 4)
        {
            throw new MemoryPackSerializationException(owner + ": a string header past the end of the message");
        }

        if (reader.TryPeekCollectionHeader(out var header))
        {
            // UTF-16: a char count; UTF-8 (MemoryPack's default): ~byte count, then a 4-byte char count.
            var needed = header >= 0 ? 4 + (2 * (long)header) : 8 + (long)~header;
            if (needed > reader.Remaining)
            {
                throw new MemoryPackSerializationException($"{owner}: a string of {needed} bytes announced, {reader.Remaining} left");
            }
        }

        return reader.ReadString();
    }

    /// <summary>
    /// Reads an object header: false for null, otherwise checks the member count is
    /// <paramref name="members"/> (MemoryPack's generated readers accept fewer; a peer of the same
    /// build always sends all) and that the stack has room for one more level of nesting, so a
    /// peer's deeply nested value is refused instead of overflowing the stack.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="members">The members the type writes.</param>
    /// <param name="owner">The type being read, for the error.</param>
    public static bool Object(ref MemoryPackReader reader, byte members, string owner)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new MemoryPackSerializationException(owner + ": nested deeper than the stack allows; refused");
        }

        if (reader.Remaining < 1)
        {
            throw new MemoryPackSerializationException(owner + ": an object header past the end of the message");
        }

        if (!reader.TryReadObjectHeader(out var count))
        {
            return false;
        }

        return count == members
            ? true
            : throw new MemoryPackSerializationException(owner + " has " + members + " members, the data has " + count);
    }
}
