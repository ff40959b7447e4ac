using System.Text;

namespace Typed.Distribution.Protocol.Handshake;

/// <summary>The Proof, Ack and Refuse frames, by hand; see <see cref="Greeting"/> for Hello and Challenge.</summary>
internal static class HandshakeFrames
{
    public const int MacSize = 32;

    /// <summary>The largest handshake frame read: a Greeting with a 255-byte name is 288 bytes.</summary>
    public const int MaxFrame = 512;

    const int MaxReason = 200;

    /// <summary>Proof: <c>kind u8, mac [32]</c>.</summary>
    public static byte[] EncodeProof(byte[] mac) => [(byte)FrameKind.Proof, .. mac];

    public static byte[] DecodeProof(ReadOnlySpan<byte> body)
    {
        ExpectKind(body, FrameKind.Proof);
        if (body.Length != 1 + MacSize)
        {
            throw new HandshakeException($"a Proof of {body.Length} bytes");
        }

        return body[1..].ToArray();
    }

    /// <summary>Ack: <c>kind u8, status u8, mac [32]</c>; the mac covers the status.</summary>
    public static byte[] EncodeAck(HandshakeStatus status, byte[] mac) => [(byte)FrameKind.Ack, (byte)status, .. mac];

    public static (HandshakeStatus Status, byte[] Mac) DecodeAck(ReadOnlySpan<byte> body)
    {
        ExpectKind(body, FrameKind.Ack);
        if (body.Length != 2 + MacSize || body[1] > (byte)HandshakeStatus.NotAllowed)
        {
            throw new HandshakeException($"a malformed Ack ({body.Length} bytes)");
        }

        return ((HandshakeStatus)body[1], body[2..].ToArray());
    }

    /// <summary>Refuse: <c>kind u8, length u8, reason (printable ASCII)</c>.</summary>
    public static byte[] EncodeRefuse(string reason)
    {
        var text = new StringBuilder(Math.Min(reason.Length, MaxReason));
        foreach (var c in reason.AsSpan(0, Math.Min(reason.Length, MaxReason)))
        {
            text.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return [(byte)FrameKind.Refuse, (byte)text.Length, .. Encoding.ASCII.GetBytes(text.ToString())];
    }

    /// <summary>Throws for a frame of another kind; a Refuse is turned into the peer's reason.</summary>
    public static void ExpectKind(ReadOnlySpan<byte> body, FrameKind expected)
    {
        if (body.IsEmpty)
        {
            throw new HandshakeException("an empty handshake frame");
        }

        if (body[0] == (byte)FrameKind.Refuse && expected != FrameKind.Refuse)
        {
            throw new HandshakeException("the peer refused: " + RefuseReason(body));
        }

        if (body[0] != (byte)expected)
        {
            throw new HandshakeException($"expected {expected}, got frame kind {body[0]}");
        }
    }

    static string RefuseReason(ReadOnlySpan<byte> body)
    {
        if (body.Length < 2 || body[1] != body.Length - 2)
        {
            return "(no reason)";
        }

        var text = new StringBuilder(body[1]);
        foreach (var b in body[2..])
        {
            text.Append(b is >= (byte)' ' and <= (byte)'~' ? (char)b : '?');
        }

        return text.ToString();
    }
}
