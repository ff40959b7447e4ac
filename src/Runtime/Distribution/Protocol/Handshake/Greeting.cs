using System.Buffers.Binary;
using System.Text;

namespace Typed.Distribution.Protocol.Handshake;

/// <summary>
/// A Hello or a Challenge: who speaks, its protocol version and capabilities, its incarnation, the
/// largest frame it accepts (its <c>MaxFrameSize</c>, so the other side refuses a larger message at the
/// sender instead of sending it) and a fresh nonce. Encoded and parsed by hand: these bytes come from a peer nobody has authenticated.
/// </summary>
/// <remarks>
/// Body: <c>kind u8, version u16, flags u64, creation u32, max frame u32, name length u8, name (ASCII),
/// nonce [16]</c>. A max frame under <see cref="MinMaxFrame"/> is refused.
/// The version stays at offset 1 in every protocol version, so a peer of another version is always
/// told which one it met.
/// </remarks>
internal sealed record Greeting(ushort Version, Capabilities Flags, uint Creation, int MaxFrame, string Name, byte[] Nonce)
{
    public const int NonceSize = 16;

    /// <summary>The smallest frame cap a node may announce: room for every runtime frame but large payloads.</summary>
    public const int MinMaxFrame = 1024;

    const int FixedSize = 1 + 2 + 8 + 4 + 4 + 1;

    public byte[] Encode(FrameKind kind)
    {
        var name = Encoding.ASCII.GetBytes(Name);
        var body = new byte[FixedSize + name.Length + NonceSize];
        body[0] = (byte)kind;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(1), Version);
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(3), (ulong)Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(11), Creation);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(15), (uint)MaxFrame);
        body[19] = (byte)name.Length;
        name.CopyTo(body, FixedSize);
        Nonce.CopyTo(body, FixedSize + name.Length);
        return body;
    }

    /// <summary>Reads the version alone: the first check on a Hello, before its layout is trusted.</summary>
    public static ushort PeekVersion(ReadOnlySpan<byte> body) =>
        body.Length >= 3 ? BinaryPrimitives.ReadUInt16LittleEndian(body[1..]) : (ushort)0;

    /// <exception cref="HandshakeException">Short, long, a bad name, or another kind of frame.</exception>
    public static Greeting Decode(ReadOnlySpan<byte> body, FrameKind expected)
    {
        HandshakeFrames.ExpectKind(body, expected);
        if (body.Length < FixedSize)
        {
            throw new HandshakeException($"a {expected} of {body.Length} bytes is too short");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(body[1..]);
        var flags = BinaryPrimitives.ReadUInt64LittleEndian(body[3..]);
        var creation = BinaryPrimitives.ReadUInt32LittleEndian(body[11..]);
        var maxFrame = BinaryPrimitives.ReadUInt32LittleEndian(body[15..]);
        if (maxFrame is < MinMaxFrame or > int.MaxValue)
        {
            throw new HandshakeException($"a {expected} announcing a frame cap of {maxFrame} bytes");
        }

        int nameLength = body[19];
        if (body.Length != FixedSize + nameLength + NonceSize)
        {
            throw new HandshakeException($"a {expected} of {body.Length} bytes does not match its name length {nameLength}");
        }

        var nameBytes = body.Slice(FixedSize, nameLength);
        Span<char> chars = stackalloc char[nameLength];
        for (var i = 0; i < nameLength; i++)
        {
            // Only ASCII can be a node name; anything else is refused before a string is made.
            if (nameBytes[i] > 0x7F)
            {
                throw new HandshakeException($"a {expected} with a name that is not ASCII");
            }

            chars[i] = (char)nameBytes[i];
        }

        if (!NodeNames.IsValid(chars))
        {
            throw new HandshakeException($"a {expected} with an invalid node name");
        }

        var nonce = body.Slice(FixedSize + nameLength, NonceSize).ToArray();
        return new Greeting(version, (Capabilities)flags, creation, (int)maxFrame, new string(chars), nonce);
    }
}
