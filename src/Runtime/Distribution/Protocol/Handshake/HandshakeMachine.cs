using System.Security.Cryptography;
using System.Text;

namespace Typed.Distribution.Protocol.Handshake;

/// <summary>
/// The handshake (Erlang's <c>dist_util</c>) as a state machine with no I/O: it takes the body of each
/// frame the peer sends and says what to send back, until both sides know each other's name,
/// creation and capabilities and have proved they hold the same cookie without sending it.
/// </summary>
/// <remarks>
/// Design note. Four frames:
/// <code>
/// A → B  Hello      version, flags, creation, max frame, name A, nonce A
/// B → A  Challenge  version, flags, creation, max frame, name B, nonce B
/// A → B  Proof      HMAC-SHA256(cookie, "typed-proof" ‖ nonce B ‖ nonce A ‖ A ‖ 0 ‖ B)
/// B → A  Ack        status, HMAC-SHA256(cookie, "typed-ack" ‖ status ‖ nonce A ‖ nonce B ‖ B ‖ 0 ‖ A)
/// </code>
/// Nothing a peer says is acted on before its proof is verified: B decides what to do with the
/// name A claims (ok, nok for a simultaneous connect, alive for a duplicate, a new incarnation
/// replacing an old connection) only after A's proof, and says so in the Ack, whose MAC covers the
/// status. A wrong proof gets a Refuse with the reason, so both sides log it. Every frame before the
/// Ack is parsed by hand with explicit bounds (<see cref="Greeting"/>, <see cref="HandshakeFrames"/>).
/// </remarks>
internal sealed class HandshakeMachine
{
    public const ushort Version = 4;

    readonly HandshakeIdentity _self;
    readonly string? _expectedPeer;
    readonly Func<Greeting, HandshakeStatus>? _decide;
    readonly byte[] _nonce = RandomNumberGenerator.GetBytes(Greeting.NonceSize);
    State _state;

    HandshakeMachine(HandshakeIdentity self, string? expectedPeer, Func<Greeting, HandshakeStatus>? decide, State state)
    {
        _self = self;
        _expectedPeer = expectedPeer;
        _decide = decide;
        _state = state;
    }

    enum State
    {
        AwaitHello,
        AwaitChallenge,
        AwaitProof,
        AwaitAck,
        Done,
        Failed,
    }

    /// <summary>The dialling side, which expects <paramref name="peer"/> to answer.</summary>
    public static HandshakeMachine Dial(HandshakeIdentity self, string peer) => new(self, peer, null, State.AwaitChallenge);

    /// <summary>The accepting side; <paramref name="decide"/> gives the status for a verified peer.</summary>
    public static HandshakeMachine Accept(HandshakeIdentity self, Func<Greeting, HandshakeStatus> decide) => new(self, null, decide, State.AwaitHello);

    /// <summary>The peer, once its Hello or Challenge has been read.</summary>
    public Greeting? Peer { get; private set; }

    /// <summary>Whether both sides are authenticated and the connection may start.</summary>
    public bool IsDone => _state == State.Done;

    /// <summary>The capabilities both ends announced.</summary>
    public Capabilities Shared => Peer is null ? Capabilities.None : _self.Flags & Peer.Flags;

    /// <summary>The first frame to send: the dialler's Hello; nothing for the acceptor.</summary>
    public byte[]? Start() => _state == State.AwaitChallenge ? Greet(FrameKind.Hello) : null;

    /// <summary>
    /// Takes one frame from the peer; returns what to send (null: nothing), then check
    /// <see cref="IsDone"/>. A refusal to send before failing comes back in <paramref name="refusal"/>.
    /// </summary>
    /// <exception cref="HandshakeException">The handshake failed; send <paramref name="refusal"/> first if set.</exception>
    public byte[]? Receive(ReadOnlySpan<byte> body, out byte[]? refusal)
    {
        refusal = null;
        try
        {
            return Step(body, out refusal);
        }
        catch
        {
            _state = State.Failed;
            throw;
        }
    }

    byte[]? Step(ReadOnlySpan<byte> body, out byte[]? refusal)
    {
        refusal = null;
        switch (_state)
        {
            case State.AwaitHello:
            {
                var version = Greeting.PeekVersion(body);
                if (version != Version)
                {
                    refusal = HandshakeFrames.EncodeRefuse($"protocol version {version} is not {Version}");
                    throw new HandshakeException($"a peer speaks protocol version {version}, not {Version}");
                }

                Peer = Greeting.Decode(body, FrameKind.Hello);
                if (Peer.Name == _self.Name)
                {
                    refusal = HandshakeFrames.EncodeRefuse("that is this node's own name");
                    throw new HandshakeException($"a peer claims this node's own name {Peer.Name}");
                }

                _state = State.AwaitProof;
                return Greet(FrameKind.Challenge);
            }

            case State.AwaitChallenge:
            {
                var challenge = Greeting.Decode(body, FrameKind.Challenge);
                if (challenge.Version != Version)
                {
                    throw new HandshakeException($"{challenge.Name} speaks protocol version {challenge.Version}, not {Version}");
                }

                if (challenge.Name != _expectedPeer)
                {
                    throw new HandshakeException($"dialled {_expectedPeer} but {challenge.Name} answered");
                }

                Peer = challenge;
                _state = State.AwaitAck;
                return HandshakeFrames.EncodeProof(Mac("typed-proof", [], challenge.Nonce, _nonce, _self.Name, challenge.Name));
            }

            case State.AwaitProof:
            {
                var proof = HandshakeFrames.DecodeProof(body);
                var expected = Mac("typed-proof", [], _nonce, Peer!.Nonce, Peer.Name, _self.Name);
                if (!CryptographicOperations.FixedTimeEquals(proof, expected))
                {
                    refusal = HandshakeFrames.EncodeRefuse("cookie mismatch");
                    throw new CookieMismatchException($"{Peer.Name} sent a proof for another cookie");
                }

                // Authenticated: only now does the claimed name mean anything.
                var status = _decide!(Peer);
                var ack = HandshakeFrames.EncodeAck(status, Mac("typed-ack", [(byte)status], Peer.Nonce, _nonce, _self.Name, Peer.Name));
                if (status != HandshakeStatus.Ok)
                {
                    refusal = ack;
                    throw new HandshakeRefusedException(status, Peer.Name);
                }

                _state = State.Done;
                return ack;
            }

            case State.AwaitAck:
            {
                var (status, mac) = HandshakeFrames.DecodeAck(body);
                var expected = Mac("typed-ack", [(byte)status], _nonce, Peer!.Nonce, Peer.Name, _self.Name);
                if (!CryptographicOperations.FixedTimeEquals(mac, expected))
                {
                    throw new CookieMismatchException($"{Peer.Name} does not know our cookie");
                }

                if (status != HandshakeStatus.Ok)
                {
                    throw new HandshakeRefusedException(status, Peer.Name);
                }

                _state = State.Done;
                return null;
            }

            default:
                throw new HandshakeException("no more handshake frames expected");
        }
    }

    byte[] Greet(FrameKind kind) => new Greeting(Version, _self.Flags, _self.Creation, _self.MaxFrame, _self.Name, _nonce).Encode(kind);

    byte[] Mac(string label, byte[] status, byte[] first, byte[] second, string from, string to)
    {
        var data = new List<byte>(64 + from.Length + to.Length);
        data.AddRange(Encoding.ASCII.GetBytes(label));
        data.AddRange(status);
        data.AddRange(first);
        data.AddRange(second);
        data.AddRange(Encoding.ASCII.GetBytes(from));
        data.Add(0);
        data.AddRange(Encoding.ASCII.GetBytes(to));
        return HMACSHA256.HashData(_self.Cookie, data.ToArray());
    }
}

/// <summary>Who this node is in a handshake, and the largest frame it accepts.</summary>
internal sealed record HandshakeIdentity(string Name, uint Creation, Capabilities Flags, byte[] Cookie, int MaxFrame = 64 * 1024 * 1024);

/// <summary>The peer's proof or ack did not match this node's cookie.</summary>
internal sealed class CookieMismatchException(string message) : HandshakeException(message);
