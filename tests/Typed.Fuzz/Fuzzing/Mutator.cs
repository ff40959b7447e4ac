namespace Typed.Fuzzing;

/// <summary>
/// Seeded mutations of valid byte sequences: bit flips, interesting bytes, hostile length fields
/// (0, -1, 0x7FFFFFFF, 0x80000000-0x80000003 ...), truncation, splicing, duplicated, inserted and
/// removed ranges. Edits fall in <c>[from, bytes.Length)</c>, so a caller can keep a prefix whole.
/// </summary>
internal static class Mutator
{
    static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x80, 0x7F, 0x01, 0xFE, 0x81];

    static readonly uint[] HostileInts =
    [
        0u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x80000001u, 0x80000002u, 0x80000003u,
        1u, 0xFFFFFFFEu, 0x10000u, 0x01000000u, 0x00FFFFFFu,
    ];

    static readonly ushort[] HostileShorts = [0, 0xFFFF, 0x8000, 0x7FFF, 1, 0x0400, 0x0401];

    /// <summary>A mutated copy of <paramref name="bytes"/>: one to four edits at or after <paramref name="from"/>.</summary>
    public static byte[] Mutate(Random random, byte[] bytes, int from = 0, byte[]? splice = null)
    {
        var list = new List<byte>(bytes.Length + 16);
        list.AddRange(bytes);
        from = Math.Clamp(from, 0, list.Count);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            if (list.Count <= from)
            {
                list.Add((byte)random.Next(256));
                continue;
            }

            var at = from + random.Next(list.Count - from);
            switch (random.Next(12))
            {
                case 0:
                case 1:
                    list[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    list[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
                    break;
                case 3:
                    list[at] = (byte)random.Next(256);
                    break;
                case 4:
                case 5:
                {
                    // A length or count field turned hostile, little endian (the frames' own order).
                    var value = HostileInts[random.Next(HostileInts.Length)];
                    for (var k = 0; k < 4 && at + k < list.Count; k++)
                    {
                        list[at + k] = (byte)(value >> (8 * k));
                    }

                    break;
                }

                case 6:
                {
                    // A two-byte length turned hostile, big endian (the port mapper's order).
                    var value = HostileShorts[random.Next(HostileShorts.Length)];
                    list[at] = (byte)(value >> 8);
                    if (at + 1 < list.Count)
                    {
                        list[at + 1] = (byte)value;
                    }

                    break;
                }

                case 7:
                    // Truncated.
                    list.RemoveRange(at, list.Count - at);
                    break;
                case 8:
                    list.RemoveRange(at, Math.Min(list.Count - at, 1 + random.Next(8)));
                    break;
                case 9:
                {
                    var count = 1 + random.Next(8);
                    for (var k = 0; k < count; k++)
                    {
                        list.Insert(at, (byte)random.Next(256));
                    }

                    break;
                }

                case 10:
                    // A range duplicated in place.
                    list.InsertRange(at, list.GetRange(at, Math.Min(list.Count - at, 1 + random.Next(16))));
                    break;
                default:
                {
                    // Spliced: the tail (or a slice) of another valid input.
                    var other = splice ?? bytes;
                    if (other.Length > 0)
                    {
                        var start = random.Next(other.Length);
                        var length = 1 + random.Next(other.Length - start);
                        list.InsertRange(at, other.AsSpan(start, length).ToArray());
                    }

                    break;
                }
            }
        }

        return [.. list];
    }
}
