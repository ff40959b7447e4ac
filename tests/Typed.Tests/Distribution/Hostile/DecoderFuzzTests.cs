using System.Buffers;
using System.Diagnostics;
using System.Text;
using Typed.CompilerServices;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;
using Typed.Tests.Distribution.Protocol;
using Xunit.Abstractions;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// Seeded, bounded mutation fuzzing of every decoder that reads a peer's bytes: the frame layer, fragment
/// reassembly, every frame kind after the handshake, and every handshake step in both roles. The only failures allowed
/// are the protocol's own refusals. TYPED_FUZZ_COUNT sets the number of inputs per decoder (default
/// 50,000 each, 200,000 in all); TYPED_FUZZ_SEED replays a run.
/// </summary>
public class DecoderFuzzTests(ITestOutputHelper output)
{
    static readonly int Count = int.TryParse(Environment.GetEnvironmentVariable("TYPED_FUZZ_COUNT"), out var n) ? n : 50_000;
    static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("TYPED_FUZZ_SEED"), out var s) ? s : 20261202;

    static readonly Pid OnA = new("a@127.0.0.1", 7, 3);
    static readonly Pid OnC = new("c@127.0.0.1", 11, 5);
    static readonly ExitReason Crash = ExitReason.FromException(new InvalidOperationException("boom"));

    static byte[][] Corpus() =>
    [
        .. new OutFrame[]
        {
            TickFrame.Instance,
            new SendFrame(OnA, null, 5, "hi", MessageCodec<string>.Instance),
            new SendFrame(default, "lobby", 5, "hi", MessageCodec<string>.Instance),
            new RequestFrame<string>(FrameKind.Call, 77, OnA, OnC, "n", 12, "x", FrameHeaders.Within(TimeSpan.FromSeconds(5))),
            new RequestFrame<string>(FrameKind.Cast, 0, OnA, default, "counter", 13, "y"),
            new CancelCallFrame(9),
            new ReplyOkFrame<string>(1, "42"),
            new ReplyExitedFrame(2, OnC, Crash),
            new ReplyUnhandledFrame(3, OnA, "nope"),
            new ReplyRaisedFrame(4, "T", "m", "s"),
            new ReplyUndefinedFrame(5, 8, "why"),
            new SignalFrame(FrameKind.Link, OnA, OnC),
            new SignalFrame(FrameKind.Exit, OnA, OnC, Crash, viaLink: true),
            new MonitorFrame(FrameKind.Down, OnC, OnA, new MonitorRef("a@127.0.0.1", 1), ExitReason.NoProc),
            new SpawnRequestFrame(3, OnA, 17, true, new MonitorRef("a@127.0.0.1", 1), "w", "args", MessageCodec<string>.Instance),
            new SpawnReplyFrame(3, OnC, "e"),
            new PeersFrame(["c@127.0.0.1", "d@127.0.0.1"]),
            new RpcRequestFrame<string>(FrameKind.RpcCall, 5, 21, OnA, "args"),
        }.Select(f => WireBytes.Frames(f)),

        // Pieces of fragmented frames: a start with a Send's first bytes, and the piece after it.
        [.. FragmentTests.Piece(FrameKind.FragmentStart, 1, 70_000, 16, fill: (byte)FrameKind.Send), .. FragmentTests.Piece(FrameKind.Fragment, 1, 1, 16)],
        FragmentTests.Piece(FrameKind.Fragment, 2, 1, 4),
    ];

    [Fact]
    public void Frames_after_the_handshake()
    {
        var corpus = Corpus();
        var handler = new Discard();
        var refused = Run("frames", corpus, wire =>
        {
            // As a connection's read loop reads: frames, fragments put back together, then the decoder.
            using var assembler = new FragmentAssembler(1 << 20);
            var buffer = new ReadOnlySequence<byte>(wire);
            while (Frames.TryRead(ref buffer, 1 << 20, out var body))
            {
                if (assembler.TryTake(body, out var frame))
                {
                    FrameDecoder.Decode(frame, WireBytes.BfromA, handler, handler);
                    assembler.Release();
                }
            }
        });

        Assert.True(refused > 0, "the mutations never reached a refusal: the fuzzer is not mutating");
    }

    [Fact]
    public void Handshake_as_acceptor()
    {
        var hello = HandshakeMachine.Dial(Id("a@127.0.0.1"), "b@127.0.0.1").Start()!;
        var proof = new byte[33];
        proof[0] = (byte)FrameKind.Proof;
        Run("accept", [Frame(hello), Frame(proof)], wire =>
        {
            var machine = HandshakeMachine.Accept(Id("b@127.0.0.1"), _ => HandshakeStatus.Ok);
            foreach (var body in Bodies(wire, HandshakeFrames.MaxFrame))
            {
                machine.Receive(body, out _);
            }
        });
    }

    [Fact]
    public void Handshake_as_dialler()
    {
        var dialler = HandshakeMachine.Dial(Id("a@127.0.0.1"), "b@127.0.0.1");
        var acceptor = HandshakeMachine.Accept(Id("b@127.0.0.1"), _ => HandshakeStatus.Ok);
        var challenge = acceptor.Receive(dialler.Start(), out _)!;
        var ack = acceptor.Receive(dialler.Receive(challenge, out _)!, out _)!;
        Run("dial", [Frame(challenge), Frame(ack), Frame(HandshakeFrames.EncodeRefuse("no"))], wire =>
        {
            var machine = HandshakeMachine.Dial(Id("a@127.0.0.1"), "b@127.0.0.1");
            machine.Start();
            foreach (var body in Bodies(wire, HandshakeFrames.MaxFrame))
            {
                machine.Receive(body, out _);
            }
        });
    }

    static HandshakeIdentity Id(string name) => new(name, 1, Capabilities.Known, Encoding.UTF8.GetBytes("fuzz"));

    static byte[] Frame(byte[] body) => [.. BitConverter.GetBytes(body.Length), .. body];

    static List<byte[]> Bodies(byte[] wire, int max)
    {
        var bodies = new List<byte[]>();
        var buffer = new ReadOnlySequence<byte>(wire);
        while (Frames.TryRead(ref buffer, max, out var body))
        {
            bodies.Add(body.ToArray());
        }

        return bodies;
    }

    /// <summary>Feeds <see cref="Count"/> mutations of the corpus (alone and concatenated) to <paramref name="decode"/>; returns how many were refused.</summary>
    int Run(string what, byte[][] corpus, Action<byte[]> decode)
    {
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var refused = 0;
        for (var i = 0; i < Count; i++)
        {
            var input = Mutate(random, corpus[random.Next(corpus.Length)], random.Next(4) == 0 ? corpus[random.Next(corpus.Length)] : null);
            try
            {
                decode(input);
            }
            catch (Exception ex) when (ex is ProtocolException or HandshakeException)
            {
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"{what}: input {i} (seed {Seed}) threw {ex.GetType().Name}: {ex.Message}\nbytes: {Convert.ToHexString(input)}");
            }
        }

        output.WriteLine($"{what}: {Count:N0} inputs, {refused:N0} refused, {clock.ElapsedMilliseconds} ms, seed {Seed}");
        return refused;
    }

    static byte[] Mutate(Random random, byte[] first, byte[]? second)
    {
        var bytes = new List<byte>(first);
        if (second is not null)
        {
            bytes.AddRange(second);
        }

        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(8)));
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    // A length or count field turned hostile: a boundary value where four bytes were.
                    var hostile = new[] { 0x80000000u, 0x80000003u, 0x7FFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFEu, 0u, 1u, 0x10000u }[random.Next(8)];
                    for (var k = 0; k < 4 && at + k < bytes.Count; k++)
                    {
                        bytes[at + k] = (byte)(hostile >> (8 * k));
                    }

                    break;
                case 5:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16))));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Takes every decoded frame and does nothing with it (payloads stay bytes).</summary>
    sealed class Discard : IConnectionFrames, ISignalFrames
    {
        public void Tick(string peer)
        {
        }

        public void Peers(string peer, string[] nodes)
        {
        }

        public void Send(string peer, Pid to, string? name, int messageId, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease)
        {
        }

        public void Request(string peer, bool isCall, ulong callRef, int messageId, Pid from, Pid to, string? name, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease)
        {
        }

        public void CancelCall(string peer, ulong callRef)
        {
        }

        public void Reply(string peer, ulong callRef, in ReplyOutcome outcome, IFrameLease? lease)
        {
        }

        public void Link(string peer, Pid from, Pid to)
        {
        }

        public void Unlink(string peer, Pid from, Pid to)
        {
        }

        public void Exit(string peer, Pid from, Pid to, ExitReason reason, bool viaLink)
        {
        }

        public void Monitor(string peer, Pid watcher, Pid target, MonitorRef monitor)
        {
        }

        public void Demonitor(string peer, Pid watcher, Pid target, MonitorRef monitor)
        {
        }

        public void Down(string peer, Pid watcher, Pid target, MonitorRef monitor, ExitReason reason)
        {
        }

        public void SpawnRequest(string peer, in SpawnRequest request)
        {
        }

        public void SpawnReply(string peer, ulong requestId, Pid pid, string? error)
        {
        }

        public void Rpc(string peer, bool isCall, ulong callRef, int functionId, Pid from, in ReadOnlySequence<byte> args, FrameHeaders headers)
        {
        }
    }
}
