using System.Security.Cryptography;
using System.Text;
using MemoryPack;
using Typed.Distribution.Connections;
using Typed.Distribution.Framing;

namespace Typed.Distribution.Handshake;

/// <summary>
/// The handshake (Erlang's <c>dist_util</c>), both sides.
/// </summary>
/// <remarks>
/// Design note. Four frames, after which both sides know the other's name, creation and flags, and
/// have proved they hold the same cookie without sending it:
/// <code>
/// A → B  Hello      status, version, flags, creation, name A, nonce A
/// B → A  Challenge  status, version, flags, creation, name B, nonce B   (status ≠ ok: B refuses and closes)
/// A → B  Proof      HMAC-SHA256(cookie, "typed-proof" ‖ nonce B ‖ nonce A ‖ A ‖ B)
/// B → A  Ack        HMAC-SHA256(cookie, "typed-ack" ‖ nonce A ‖ nonce B ‖ B ‖ A)
/// </code>
/// A wrong proof gets a Refuse frame with the reason, so both sides log it; nothing a peer sends is
/// acted on before the Ack. The status of the Challenge settles simultaneous connects: the side
/// whose own dial is under way and whose name sorts higher answers <c>nok</c>, so exactly one of
/// the two connections survives. A peer that stalls is cut off by the caller's handshake timeout.
/// </remarks>
internal static class Handshake
{
    public const ushort Version = 2;

    /// <summary>Capability flags; unknown bits are ignored, so a newer peer can add some.</summary>
    public const ulong FlagHidden = 1;

    const int NonceSize = 16;

    public static async Task ConnectAsync(Connection connection, NetKernel kernel, string expectedPeer, CancellationToken cancellationToken)
    {
        var nonceA = RandomNumberGenerator.GetBytes(NonceSize);
        await connection.WriteDirectAsync(new GreetingFrame(FrameKind.Hello, Status.Ok, Version, kernel.Flags, kernel.Node.Name, kernel.Node.Creation, nonceA), cancellationToken).ConfigureAwait(false);

        var challenge = Greeting.Read(await connection.ReadDirectAsync(cancellationToken).ConfigureAwait(false), FrameKind.Challenge);
        if (challenge.Status != Status.Ok)
        {
            throw new HandshakeRefusedException(challenge.Status);
        }

        if (challenge.Name != expectedPeer)
        {
            throw new HandshakeException($"dialled {expectedPeer} but {challenge.Name} answered");
        }

        Accept(connection, challenge, kernel);
        await connection.WriteDirectAsync(new ProofFrame(FrameKind.Proof, Mac(kernel.Cookie, "typed-proof", challenge.Nonce, nonceA, kernel.Node.Name, challenge.Name)), cancellationToken).ConfigureAwait(false);

        var ack = await connection.ReadDirectAsync(cancellationToken).ConfigureAwait(false);
        var expected = Mac(kernel.Cookie, "typed-ack", nonceA, challenge.Nonce, challenge.Name, kernel.Node.Name);
        if (!CryptographicOperations.FixedTimeEquals(ReadProof(ack, FrameKind.Ack), expected))
        {
            throw new HandshakeException($"{challenge.Name} does not know our cookie");
        }
    }

    /// <summary>The accepting side. <paramref name="decide"/> gives the Challenge's status for the named peer.</summary>
    public static async Task AcceptAsync(Connection connection, NetKernel kernel, Func<Greeting, byte> decide, CancellationToken cancellationToken)
    {
        var hello = Greeting.Read(await connection.ReadDirectAsync(cancellationToken).ConfigureAwait(false), FrameKind.Hello);
        if (hello.Version != Version)
        {
            await connection.WriteDirectAsync(new RefuseFrame($"protocol version {hello.Version} is not {Version}"), cancellationToken).ConfigureAwait(false);
            throw new HandshakeException($"{hello.Name} speaks protocol version {hello.Version}, not {Version}");
        }

        var status = decide(hello);
        var nonceB = RandomNumberGenerator.GetBytes(NonceSize);
        await connection.WriteDirectAsync(new GreetingFrame(FrameKind.Challenge, status, Version, kernel.Flags, kernel.Node.Name, kernel.Node.Creation, nonceB), cancellationToken).ConfigureAwait(false);
        if (status != Status.Ok)
        {
            throw new HandshakeRefusedException(status, hello.Name);
        }

        Accept(connection, hello, kernel);
        var proof = await connection.ReadDirectAsync(cancellationToken).ConfigureAwait(false);
        var expected = Mac(kernel.Cookie, "typed-proof", nonceB, hello.Nonce, hello.Name, kernel.Node.Name);
        if (!CryptographicOperations.FixedTimeEquals(ReadProof(proof, FrameKind.Proof), expected))
        {
            await connection.WriteDirectAsync(new RefuseFrame("cookie mismatch"), cancellationToken).ConfigureAwait(false);
            throw new HandshakeException($"{hello.Name} sent a proof for another cookie");
        }

        await connection.WriteDirectAsync(new ProofFrame(FrameKind.Ack, Mac(kernel.Cookie, "typed-ack", hello.Nonce, nonceB, kernel.Node.Name, hello.Name)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the peer's identity. A connection is hidden when either end is a hidden node, as in Erlang.</summary>
    static void Accept(Connection connection, Greeting greeting, NetKernel kernel)
    {
        connection.Peer = greeting.Name;
        connection.PeerCreation = greeting.Creation;
        connection.PeerHidden = (greeting.Flags & FlagHidden) != 0 || kernel.Options.Hidden;
    }

    static byte[] ReadProof(byte[] body, FrameKind kind)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(body, state);
        reader.ReadUnmanaged(out FrameKind actual);
        if (actual == FrameKind.Refuse)
        {
            throw new HandshakeException("the peer refused: " + reader.ReadString());
        }

        if (actual != kind)
        {
            throw new HandshakeException($"expected {kind}, got frame kind {(byte)actual}");
        }

        return reader.ReadUnmanagedArray<byte>() ?? [];
    }

    static byte[] Mac(byte[] cookie, string label, byte[] first, byte[] second, string from, string to)
    {
        var data = new List<byte>(label.Length + first.Length + second.Length + from.Length + to.Length + 8);
        data.AddRange(Encoding.UTF8.GetBytes(label));
        data.AddRange(first);
        data.AddRange(second);
        data.AddRange(Encoding.UTF8.GetBytes(from));
        data.Add(0);
        data.AddRange(Encoding.UTF8.GetBytes(to));
        return HMACSHA256.HashData(cookie, data.ToArray());
    }

    /// <summary>Challenge statuses (Erlang's <c>ok</c>, <c>nok</c>, <c>alive</c>).</summary>
    public static class Status
    {
        public const byte Ok = 0;

        /// <summary>Simultaneous connect: the other connection wins; this one closes.</summary>
        public const byte Nok = 1;

        /// <summary>Already connected to that node.</summary>
        public const byte Alive = 2;

        /// <summary>This node does not accept connections now (stopping).</summary>
        public const byte NotAllowed = 3;
    }
}

/// <summary>A Hello or a Challenge as read.</summary>
internal sealed record Greeting(byte Status, ushort Version, ulong Flags, uint Creation, string Name, byte[] Nonce)
{
    public static Greeting Read(byte[] body, FrameKind kind)
    {
        using var state = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(body, state);
        reader.ReadUnmanaged(out FrameKind actual);
        if (actual == FrameKind.Refuse)
        {
            throw new HandshakeException("the peer refused: " + reader.ReadString());
        }

        if (actual != kind)
        {
            throw new HandshakeException($"expected {kind}, got frame kind {(byte)actual}");
        }

        reader.ReadUnmanaged(out byte status, out ushort version, out ulong flags, out uint creation);
        var name = reader.ReadString();
        var nonce = reader.ReadUnmanagedArray<byte>();
        if (string.IsNullOrEmpty(name) || !name.Contains('@', StringComparison.Ordinal) || nonce is not { Length: 16 })
        {
            throw new HandshakeException("malformed " + kind);
        }

        return new Greeting(status, version, flags, creation, name, nonce);
    }
}

/// <summary>The other side answered the Hello with a status other than ok.</summary>
internal sealed class HandshakeRefusedException(byte status, string? peer = null)
    : Exception(status switch
    {
        Handshake.Status.Nok => "simultaneous connect: the other connection wins",
        Handshake.Status.Alive => "already connected",
        _ => "not allowed",
    } + (peer is null ? "" : " (" + peer + ")"))
{
    public byte Status { get; } = status;
}
