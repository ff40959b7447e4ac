using System.Text;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>The handshake state machine alone, with no I/O: frames in, frames out.</summary>
public class HandshakeTests
{
    static HandshakeIdentity Id(string name, string cookie = "secret", Capabilities flags = Capabilities.Headers, int maxFrame = 64 << 20) =>
        new(name, 7, flags, Encoding.UTF8.GetBytes(cookie), maxFrame);

    /// <summary>Runs the two machines against each other until one is done or throws.</summary>
    static (HandshakeMachine Dialler, HandshakeMachine Acceptor) Run(HandshakeMachine dialler, HandshakeMachine acceptor)
    {
        var toAcceptor = dialler.Start();
        for (var step = 0; step < 4 && toAcceptor is not null; step++)
        {
            var toDialler = acceptor.Receive(toAcceptor, out _);
            toAcceptor = toDialler is null ? null : dialler.Receive(toDialler, out _);
        }

        return (dialler, acceptor);
    }

    [Fact]
    public void Two_nodes_with_the_same_cookie_learn_each_others_name_creation_and_shared_capabilities()
    {
        var decided = new List<string>();
        var (dialler, acceptor) = Run(
            HandshakeMachine.Dial(Id("a@h", flags: Capabilities.Headers | Capabilities.Hidden), "b@h"),
            HandshakeMachine.Accept(Id("b@h"), g => { decided.Add(g.Name); return HandshakeStatus.Ok; }));

        Assert.True(dialler.IsDone);
        Assert.True(acceptor.IsDone);
        Assert.Equal("b@h", dialler.Peer!.Name);
        Assert.Equal("a@h", acceptor.Peer!.Name);
        Assert.Equal(7u, acceptor.Peer.Creation);
        Assert.Equal(Capabilities.Headers, acceptor.Shared);
        Assert.True((acceptor.Peer.Flags & Capabilities.Hidden) != 0);
        Assert.Equal(["a@h"], decided);
    }

    [Fact]
    public void Each_side_learns_the_largest_frame_the_other_accepts()
    {
        var (dialler, acceptor) = Run(
            HandshakeMachine.Dial(Id("a@h", maxFrame: 1 << 20), "b@h"),
            HandshakeMachine.Accept(Id("b@h", maxFrame: 2 << 20), _ => HandshakeStatus.Ok));

        Assert.True(dialler.IsDone && acceptor.IsDone);
        Assert.Equal(2 << 20, dialler.Peer!.MaxFrame);
        Assert.Equal(1 << 20, acceptor.Peer!.MaxFrame);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1023u)]
    [InlineData(0x80000000u)]
    [InlineData(uint.MaxValue)]
    public void A_hello_announcing_a_frame_cap_out_of_range_is_refused(uint cap)
    {
        var hello = HandshakeMachine.Dial(Id("a@h"), "b@h").Start()!;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(hello.AsSpan(15), cap);

        var acceptor = HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Ok);
        var ex = Assert.Throws<HandshakeException>(() => acceptor.Receive(hello, out _));
        Assert.Contains("frame cap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_cookie_is_refused_and_the_claimed_name_is_never_considered()
    {
        var decided = 0;
        var dialler = HandshakeMachine.Dial(Id("a@h", "guess"), "b@h");
        var acceptor = HandshakeMachine.Accept(Id("b@h"), _ => { decided++; return HandshakeStatus.Ok; });

        var challenge = acceptor.Receive(dialler.Start(), out _)!;
        var proof = dialler.Receive(challenge, out _)!;
        byte[]? refusal = null;
        Assert.Throws<CookieMismatchException>(() => acceptor.Receive(proof, out refusal));

        Assert.Equal(0, decided);
        Assert.NotNull(refusal);
        var ex = Assert.Throws<HandshakeException>(() => dialler.Receive(refusal!, out _));
        Assert.Contains("cookie mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_acceptors_verdict_comes_in_an_authenticated_ack()
    {
        var dialler = HandshakeMachine.Dial(Id("a@h"), "b@h");
        var acceptor = HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Nok);
        var proof = dialler.Receive(acceptor.Receive(dialler.Start(), out _)!, out _)!;
        byte[]? ack = null;
        Assert.Throws<HandshakeRefusedException>(() => acceptor.Receive(proof, out ack));

        var refused = Assert.Throws<HandshakeRefusedException>(() => dialler.Receive(ack!, out _));
        Assert.Equal(HandshakeStatus.Nok, refused.Status);

        // A forged verdict (the status byte flipped) does not verify.
        var forged = (byte[])ack!.Clone();
        forged[1] = (byte)HandshakeStatus.Ok;
        var other = HandshakeMachine.Dial(Id("a@h"), "b@h");
        var again = HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Nok);
        other.Receive(again.Receive(other.Start(), out _)!, out _);
        Assert.Throws<CookieMismatchException>(() => other.Receive(forged, out _));
    }

    [Fact]
    public void The_31_byte_hello_that_killed_nodes_is_refused_as_another_protocol_version()
    {
        var wire = Convert.FromHexString("1b000000010002000000000000000000010000000000008000000000614062");
        var acceptor = HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Ok);
        byte[]? refusal = null;

        var ex = Assert.Throws<HandshakeException>(() => acceptor.Receive(wire.AsSpan(4), out refusal));

        Assert.Contains("protocol version", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("noatsign")]
    [InlineData("a@b@c")]
    [InlineData("a b@h")]
    [InlineData("é@h")]
    [InlineData("@h")]
    [InlineData("a@")]
    public void Hellos_with_invalid_names_are_refused(string name)
    {
        var hello = new Greeting(HandshakeMachine.Version, Capabilities.None, 1, 1 << 20, "x@h", new byte[16]).Encode(FrameKind.Hello);
        var bytes = Encoding.UTF8.GetBytes(name);
        var body = new byte[20 + bytes.Length + 16];
        hello.AsSpan(0, 19).CopyTo(body);
        body[19] = (byte)bytes.Length;
        bytes.CopyTo(body, 20);

        var acceptor = HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Ok);
        Assert.Throws<HandshakeException>(() => acceptor.Receive(body, out _));
    }

    [Fact]
    public void Every_truncation_and_byte_flip_of_a_hello_is_refused_or_read_never_a_crash()
    {
        var hello = HandshakeMachine.Dial(Id("a@127.0.0.1"), "b@h").Start()!;
        var random = new Random(12);
        for (var length = 0; length <= hello.Length; length++)
        {
            Try(hello.AsSpan(0, length).ToArray());
        }

        for (var round = 0; round < 5_000; round++)
        {
            var mutated = (byte[])hello.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            Try(mutated);
        }

        static void Try(byte[] body)
        {
            try
            {
                HandshakeMachine.Accept(Id("b@h"), _ => HandshakeStatus.Ok).Receive(body, out _);
            }
            catch (HandshakeException)
            {
                // Refused: the only acceptable failure.
            }
        }
    }
}
