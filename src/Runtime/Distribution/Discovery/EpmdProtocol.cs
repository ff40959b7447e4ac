using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Typed.Distribution.Discovery;

/// <summary>
/// The subset of Erlang's port mapper protocol (EPMD; ERTS User's Guide, "Distribution Protocol")
/// Typed speaks, byte for byte, so Erlang's own <c>epmd</c> can stand in for the embedded one.
/// </summary>
/// <remarks>
/// Every request is <c>[u16 big-endian length][tag][fields]</c>; multibyte integers are big-endian.
/// <list type="bullet">
/// <item>ALIVE2_REQ (120): <c>PortNo:u16 NodeType:u8 Protocol:u8 HighestVersion:u16 LowestVersion:u16
/// Nlen:u16 NodeName Elen:u16 Extra</c>; answered by ALIVE2_X_RESP (118) <c>Result:u8 Creation:u32</c>
/// when the node speaks version 6, else ALIVE2_RESP (121) <c>Result:u8 Creation:u16</c>. The connection
/// then stays open: the name is registered exactly as long as it lives.</item>
/// <item>PORT_PLEASE2_REQ (122): <c>NodeName</c> (the rest of the request); answered by PORT2_RESP (119)
/// <c>Result:u8</c>, followed on success (Result 0) by the ALIVE2_REQ fields of the node; then closed.</item>
/// <item>NAMES_REQ (110): answered by the mapper's port as <c>u32</c>, then one text line
/// <c>name N at port P\n</c> per registered node; then closed.</item>
/// </list>
/// </remarks>
internal static class EpmdProtocol
{
    /// <summary>The port a mapper listens on when not told otherwise.</summary>
    public const int DefaultPort = 4369;

    public const byte Alive2Request = 120;          // 'x'
    public const byte Alive2ExtendedResponse = 118; // 'v', 32-bit creation
    public const byte Alive2Response = 121;         // 'y', 16-bit creation
    public const byte PortPlease2Request = 122;     // 'z'
    public const byte Port2Response = 119;          // 'w'
    public const byte NamesRequest = 110;           // 'n'

    public const byte NormalNode = 77;
    public const byte HiddenNode = 72;
    public const byte TcpIpV4 = 0;
    public const ushort HighestVersion = 6;
    public const ushort LowestVersion = 5;

    /// <summary>The longest node name in UTF-8 bytes (Erlang's atom limit).</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The largest request a mapper accepts, checked from the length prefix before buffering.</summary>
    public const int MaxRequestLength = 1024;

    public const int LengthPrefixSize = 2;

    /// <summary>Bytes of an entry around its name and extra: port, type, protocol, two versions, two lengths.</summary>
    const int EntryFixedSize = 2 + 1 + 1 + 2 + 2 + 2 + 2;

    static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> can be registered.</summary>
    public static void ValidateName(string name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a port mapper name: 1 to {MaxNameBytes} UTF-8 bytes, no '@', whitespace or control characters",
                paramName);
        }
    }

    /// <summary>
    /// Whether a short node name can be registered: not empty, at most <see cref="MaxNameBytes"/> bytes,
    /// and none of '@' (it names the host), whitespace (NAMES lines are space-separated) or control characters.
    /// </summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c == '@' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    // ---- requests, client side: each returned whole, length prefix included ----

    public static byte[] EncodeAlive2Request(in EpmdNodeEntry entry)
    {
        var body = 1 + EntrySize(entry);
        var packet = new byte[LengthPrefixSize + body];
        BinaryPrimitives.WriteUInt16BigEndian(packet, checked((ushort)body));
        packet[LengthPrefixSize] = Alive2Request;
        WriteEntry(packet.AsSpan(LengthPrefixSize + 1), entry);
        return packet;
    }

    public static byte[] EncodePortPlease2Request(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var packet = new byte[LengthPrefixSize + 1 + nameBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(packet, checked((ushort)(1 + nameBytes.Length)));
        packet[LengthPrefixSize] = PortPlease2Request;
        nameBytes.CopyTo(packet.AsSpan(LengthPrefixSize + 1));
        return packet;
    }

    public static byte[] EncodeNamesRequest() => [0, 1, NamesRequest];

    // ---- requests, mapper side: the body after the length prefix, tag included ----

    public static bool TryDecodeAlive2Request(ReadOnlySpan<byte> body, out EpmdNodeEntry entry)
    {
        entry = default;
        return body.Length > 0 && body[0] == Alive2Request && TryReadEntry(body[1..], exact: true, out entry);
    }

    public static bool TryDecodePortPlease2Request(ReadOnlySpan<byte> body, out string name)
    {
        name = "";
        return body.Length > 1 && body[0] == PortPlease2Request && TryDecodeName(body[1..], out name);
    }

    // ---- responses, mapper side ----

    /// <summary>The answer to ALIVE2_REQ: the 32-bit form for a version-6 node, else the 16-bit one.</summary>
    public static byte[] EncodeAlive2Response(bool ok, uint creation, bool extended)
    {
        var result = ok ? (byte)0 : (byte)1;
        if (extended)
        {
            var packet = new byte[6];
            packet[0] = Alive2ExtendedResponse;
            packet[1] = result;
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(2), creation);
            return packet;
        }

        // Old nodes know creations 1..3 only.
        var shortPacket = new byte[4];
        shortPacket[0] = Alive2Response;
        shortPacket[1] = result;
        BinaryPrimitives.WriteUInt16BigEndian(shortPacket.AsSpan(2), (ushort)(creation % 3 + 1));
        return shortPacket;
    }

    /// <summary>The answer to PORT_PLEASE2_REQ: the node's entry, or result 1 when it is not registered.</summary>
    public static byte[] EncodePort2Response(EpmdNodeEntry? entry)
    {
        if (entry is not { } found)
        {
            return [Port2Response, 1];
        }

        var packet = new byte[2 + EntrySize(found)];
        packet[0] = Port2Response;
        packet[1] = 0;
        WriteEntry(packet.AsSpan(2), found);
        return packet;
    }

    public static byte[] EncodeNamesResponse(int mapperPort, IEnumerable<(string Name, int Port)> names)
    {
        var text = new StringBuilder();
        foreach (var (name, port) in names)
        {
            text.Append(CultureInfo.InvariantCulture, $"name {name} at port {port}\n");
        }

        var lines = Encoding.UTF8.GetBytes(text.ToString());
        var packet = new byte[4 + lines.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)mapperPort);
        lines.CopyTo(packet.AsSpan(4));
        return packet;
    }

    // ---- responses, client side ----

    /// <summary>
    /// The size of the ALIVE2 answer that starts with <paramref name="tag"/>, tag included, or 0 when the tag
    /// is not an ALIVE2 answer.
    /// </summary>
    public static int Alive2ResponseSize(byte tag) => tag switch
    {
        Alive2ExtendedResponse => 6,
        Alive2Response => 4,
        _ => 0,
    };

    /// <summary>Reads a whole ALIVE2 answer (see <see cref="Alive2ResponseSize"/>).</summary>
    public static bool TryDecodeAlive2Response(ReadOnlySpan<byte> response, out bool ok, out uint creation)
    {
        ok = false;
        creation = 0;
        if (response.Length < 2 || response.Length != Alive2ResponseSize(response[0]))
        {
            return false;
        }

        ok = response[1] == 0;
        creation = response[0] == Alive2ExtendedResponse
            ? BinaryPrimitives.ReadUInt32BigEndian(response[2..])
            : BinaryPrimitives.ReadUInt16BigEndian(response[2..]);
        return true;
    }

    /// <summary>Reads a whole PORT2_RESP; <paramref name="entry"/> is null when the name is not registered.</summary>
    public static bool TryDecodePort2Response(ReadOnlySpan<byte> response, out EpmdNodeEntry? entry)
    {
        entry = null;
        if (response.Length < 2 || response[0] != Port2Response)
        {
            return false;
        }

        if (response[1] != 0)
        {
            return true;
        }

        // Lenient towards the mapper: bytes after the entry are ignored.
        if (!TryReadEntry(response[2..], exact: false, out var found))
        {
            return false;
        }

        entry = found;
        return true;
    }

    /// <summary>Reads a whole NAMES answer: the mapper's port, then <c>name N at port P</c> lines.</summary>
    public static bool TryDecodeNamesResponse(ReadOnlySpan<byte> response, out List<(string Name, int Port)> names)
    {
        names = [];
        if (response.Length < 4)
        {
            return false;
        }

        string text;
        try
        {
            text = s_strictUtf8.GetString(response[4..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        const string Prefix = "name ";
        const string Separator = " at port ";
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = line.LastIndexOf(Separator, StringComparison.Ordinal);
            if (!line.StartsWith(Prefix, StringComparison.Ordinal) || at <= Prefix.Length
                || !int.TryParse(line.AsSpan(at + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port > ushort.MaxValue)
            {
                return false;
            }

            names.Add((line[Prefix.Length..at], port));
        }

        return true;
    }

    // ---- the entry shared by ALIVE2_REQ and PORT2_RESP ----

    static int EntrySize(in EpmdNodeEntry entry) =>
        EntryFixedSize + Encoding.UTF8.GetByteCount(entry.Name) + entry.Extra.Length;

    static void WriteEntry(Span<byte> span, in EpmdNodeEntry entry)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, checked((ushort)entry.Port));
        span[2] = entry.NodeType;
        span[3] = entry.Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], entry.HighestVersion);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], entry.LowestVersion);
        var nameLength = Encoding.UTF8.GetBytes(entry.Name, span[10..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], checked((ushort)nameLength));
        var rest = span[(10 + nameLength)..];
        BinaryPrimitives.WriteUInt16BigEndian(rest, checked((ushort)entry.Extra.Length));
        entry.Extra.CopyTo(rest[2..]);
    }

    static bool TryReadEntry(ReadOnlySpan<byte> span, bool exact, out EpmdNodeEntry entry)
    {
        entry = default;
        if (span.Length < EntryFixedSize)
        {
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(span);
        var nodeType = span[2];
        var protocol = span[3];
        var highest = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        var lowest = BinaryPrimitives.ReadUInt16BigEndian(span[6..]);
        int nameLength = BinaryPrimitives.ReadUInt16BigEndian(span[8..]);
        if (span.Length < EntryFixedSize + nameLength)
        {
            return false;
        }

        var rest = span[(10 + nameLength)..];
        int extraLength = BinaryPrimitives.ReadUInt16BigEndian(rest);
        var total = EntryFixedSize + nameLength + extraLength;
        if (span.Length < total || (exact && span.Length != total)
            || !TryDecodeName(span.Slice(10, nameLength), out var name))
        {
            return false;
        }

        entry = new EpmdNodeEntry(name, port, nodeType, protocol, highest, lowest, rest.Slice(2, extraLength).ToArray());
        return true;
    }

    static bool TryDecodeName(ReadOnlySpan<byte> bytes, out string name)
    {
        name = "";
        if (bytes.Length is 0 or > MaxNameBytes)
        {
            return false;
        }

        try
        {
            name = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return IsValidName(name);
    }
}
