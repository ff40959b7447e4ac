using System.Buffers;
using Typed.CompilerServices;
using Typed.Distribution.Protocol;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>Every frame kind written by its OutFrame reads back, field for field, through the one decoder.</summary>
public class FrameRoundTripTests
{
    static readonly Pid OnA = new("a@127.0.0.1", 7, 3);
    static readonly Pid OnB = new("b@127.0.0.1", 9, 4);
    static readonly Pid OnC = new("c@127.0.0.1", 11, 5);
    static readonly MonitorRef Monitor = new("a@127.0.0.1", 42);
    static readonly ExitReason Crash = ExitReason.FromException(new InvalidOperationException("boom"));

    static Recorder Decode(OutFrame frame, bool headers = true)
    {
        var recorder = new Recorder();
        var peers = headers ? WireBytes.AtoB : WireBytes.AtoB with { Headers = false };
        var receiving = headers ? WireBytes.BfromA : WireBytes.BfromA with { Headers = false };
        FrameDecoder.Decode(WireBytes.Body(WireBytes.Frames(peers, frame)), receiving, recorder, recorder);
        return recorder;
    }

    [Fact]
    public void Tick() => Assert.Equal("tick a@127.0.0.1", Decode(TickFrame.Instance).Seen);

    [Fact]
    public void Send_and_send_named_carry_target_id_and_payload()
    {
        Assert.Equal($"send {OnB} - 5 'hi'", Decode(new SendFrame(OnB, null, 5, "hi", MessageCodec<string>.Instance)).Seen);
        Assert.Equal("send <> lobby 5 'hi'", Decode(new SendFrame(default, "lobby", 5, "hi", MessageCodec<string>.Instance)).Seen);
    }

    [Fact]
    public void Call_and_cast_carry_ref_id_ends_name_headers_and_payload()
    {
        var headers = FrameHeaders.Within(TimeSpan.FromSeconds(10));
        var call = Decode(new RequestFrame<string>(FrameKind.Call, 77, OnA, OnB, null, 12, "x", headers));
        Assert.Equal($"call 77 12 {OnA} {OnB} - 'x'", call.Seen);
        Assert.InRange(call.Headers.Remaining!.Value, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));

        var cast = Decode(new RequestFrame<string>(FrameKind.Cast, 0, OnA, default, "counter", 13, "y"));
        Assert.Equal($"cast 0 13 {OnA} <> counter 'y'", cast.Seen);
        Assert.True(cast.Headers.IsEmpty);
    }

    [Fact]
    public void Headers_cost_nothing_when_absent_and_are_not_sent_to_a_peer_that_did_not_negotiate_them()
    {
        var plain = WireBytes.Frames(new RequestFrame<string>(FrameKind.Call, 1, OnA, OnB, null, 1, "x"));
        var timed = WireBytes.Frames(new RequestFrame<string>(FrameKind.Call, 1, OnA, OnB, null, 1, "x", FrameHeaders.Within(TimeSpan.FromSeconds(1))));
        var refused = WireBytes.Frames(WireBytes.AtoB with { Headers = false }, new RequestFrame<string>(FrameKind.Call, 1, OnA, OnB, null, 1, "x", FrameHeaders.Within(TimeSpan.FromSeconds(1))));

        Assert.Equal(plain.Length + 5, timed.Length);   // count, key, length, and 1000 ms as a two-byte varint
        Assert.Equal(plain.Length, refused.Length);
        Assert.True(Decode(new RequestFrame<string>(FrameKind.Call, 1, OnA, OnB, null, 1, "x", FrameHeaders.Within(TimeSpan.FromSeconds(1))), headers: false).Headers.IsEmpty);
    }

    [Fact]
    public void Cancel_call() => Assert.Equal("cancel 99", Decode(new CancelCallFrame(99)).Seen);

    [Fact]
    public void Every_reply_status_reads_back()
    {
        Assert.Equal("reply 1 Ok '42'", Decode(new ReplyOkFrame<string>(1, "42")).Seen);
        Assert.Equal($"reply 2 Exited {OnB} System.InvalidOperationException: boom", Decode(new ReplyExitedFrame(2, OnB, Crash)).Seen);
        Assert.Equal($"reply 3 Unhandled {OnB} nope", Decode(new ReplyUnhandledFrame(3, OnB, "nope")).Seen);
        Assert.Equal("reply 4 Raised T m s", Decode(new ReplyRaisedFrame(4, "T", "m", "s")).Seen);
        Assert.Equal("reply 5 Undefined 8 why", Decode(new ReplyUndefinedFrame(5, 8, "why")).Seen);
    }

    [Fact]
    public void Link_unlink_and_exit_signals()
    {
        Assert.Equal($"link {OnA} {OnB}", Decode(new SignalFrame(FrameKind.Link, OnA, OnB)).Seen);
        Assert.Equal($"unlink {OnA} {OnB}", Decode(new SignalFrame(FrameKind.Unlink, OnA, OnB)).Seen);
        Assert.Equal($"exit {OnA} {OnC} System.InvalidOperationException: boom True", Decode(new SignalFrame(FrameKind.Exit, OnA, OnC, Crash, viaLink: true)).Seen);
        Assert.Equal($"exit {OnA} {OnB} {{shutdown,bye}} False", Decode(new SignalFrame(FrameKind.Exit, OnA, OnB, ExitReason.ShutdownWith("bye"))).Seen);
    }

    [Fact]
    public void Monitor_demonitor_and_down()
    {
        Assert.Equal($"monitor {OnA} {OnB} {Monitor}", Decode(new MonitorFrame(FrameKind.Monitor, OnA, OnB, Monitor)).Seen);
        Assert.Equal($"demonitor {OnA} {OnB} {Monitor}", Decode(new MonitorFrame(FrameKind.Demonitor, OnA, OnB, Monitor)).Seen);
        Assert.Equal($"down {OnB} {OnA} {Monitor} noproc", Decode(new MonitorFrame(FrameKind.Down, OnB, OnA, Monitor, ExitReason.NoProc)).Seen);
    }

    [Fact]
    public void Spawn_request_and_reply()
    {
        Assert.Equal($"spawn 3 17 True {OnA} {Monitor} worker True 'args'", Decode(new SpawnRequestFrame(3, OnA, 17, true, Monitor, "worker", "args", MessageCodec<string>.Instance)).Seen);
        Assert.Equal($"spawn 4 18 False {OnA} - - False", Decode(new SpawnRequestFrame(4, OnA, 18, false, null, null, null, null)).Seen);
        Assert.Equal($"spawn 6 18 True {OnA} - - False after-init", Decode(new SpawnRequestFrame(6, OnA, 18, true, null, null, null, null, afterInit: true)).Seen);
        var timed = Decode(new SpawnRequestFrame(5, OnA, 18, false, null, null, null, null, headers: FrameHeaders.Within(TimeSpan.FromSeconds(3))));
        Assert.InRange(timed.Headers.Remaining!.Value, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        Assert.Equal($"spawned 3 {OnB} -", Decode(new SpawnReplyFrame(3, OnB, null)).Seen);

        // The options byte after the request and behaviour ids: an unknown bit is a protocol error.
        var body = WireBytes.Body(WireBytes.Frames(new SpawnRequestFrame(7, OnA, 18, true, null, null, null, null))).ToArray();
        Assert.Equal(SpawnFlags.Link, body[1 + 8 + 4]);
        body[1 + 8 + 4] = 4;
        Assert.Throws<ProtocolException>(() => FrameDecoder.Decode(new ReadOnlySequence<byte>(body), WireBytes.BfromA, new Recorder(), new Recorder()));
        Assert.Equal("spawned 4 <> no such behaviour", Decode(new SpawnReplyFrame(4, default, "no such behaviour")).Seen);
    }

    [Fact]
    public void Peers() => Assert.Equal("peers c@127.0.0.1,d@127.0.0.1", Decode(new PeersFrame(["c@127.0.0.1", "d@127.0.0.1"])).Seen);

    [Fact]
    public void Rpc_call_and_cast()
    {
        Assert.Equal($"rpc True 5 21 {OnA} 'args'", Decode(new RpcRequestFrame<string>(FrameKind.RpcCall, 5, 21, OnA, "args")).Seen);
        Assert.Equal($"rpc False 0 21 {OnA} 'args'", Decode(new RpcRequestFrame<string>(FrameKind.RpcCast, 0, 21, OnA, "args")).Seen);
    }

    [Fact]
    public void Handshake_kinds_unknown_kinds_and_trailing_bytes_after_the_handshake_are_protocol_errors()
    {
        var recorder = new Recorder();
        foreach (byte kind in new byte[] { 1, 2, 3, 4, 5, 6, 99, 255 })
        {
            Assert.Throws<ProtocolException>(() => FrameDecoder.Decode(new ReadOnlySequence<byte>([kind, 0, 0, 0, 0, 0, 0, 0, 0]), WireBytes.BfromA, recorder, recorder));
        }

        var wire = WireBytes.Frames(new CancelCallFrame(1));
        var body = WireBytes.Body(wire).ToArray();
        Assert.Throws<ProtocolException>(() => FrameDecoder.Decode(new ReadOnlySequence<byte>([.. body, 0]), WireBytes.BfromA, recorder, recorder));
    }

    [Fact]
    public void Every_truncation_of_every_frame_is_a_protocol_error_never_another_exception()
    {
        OutFrame[] frames =
        [
            new SendFrame(OnB, null, 5, "hi", MessageCodec<string>.Instance),
            new RequestFrame<string>(FrameKind.Call, 77, OnA, OnC, "n", 12, "x", FrameHeaders.Within(TimeSpan.FromSeconds(1))),
            new ReplyExitedFrame(2, OnB, Crash),
            new SignalFrame(FrameKind.Exit, OnA, OnC, Crash, viaLink: true),
            new MonitorFrame(FrameKind.Down, OnB, OnA, Monitor, ExitReason.NoProc),
            new SpawnRequestFrame(3, OnA, 17, true, Monitor, "worker", null, null),
            new SpawnReplyFrame(3, OnB, "e"),
            new PeersFrame(["c@127.0.0.1"]),
        ];
        var recorder = new Recorder(payloads: false);
        foreach (var frame in frames)
        {
            var body = WireBytes.Body(WireBytes.Frames(frame)).ToArray();
            for (var length = 1; length < body.Length; length++)
            {
                var cut = new ReadOnlySequence<byte>(body, 0, length);
                try
                {
                    FrameDecoder.Decode(cut, WireBytes.BfromA, recorder, recorder);
                }
                catch (ProtocolException)
                {
                    // Refused, as it must be; frames whose payload runs to the end may decode short payloads.
                }
            }
        }
    }

    /// <summary>Says what each frame asked for; with <paramref name="payloads"/> false it leaves user payloads undecoded.</summary>
    sealed class Recorder(bool payloads = true) : IConnectionFrames, ISignalFrames
    {
        public string Seen { get; private set; } = "";

        public FrameHeaders Headers { get; private set; }

        static string Text(object? value) => value switch
        {
            null => "-",
            Pid { IsEmpty: true } => "<>",
            _ => value.ToString()!,
        };

        string Payload(in ReadOnlySequence<byte> payload) => payloads ? "'" + MessageCodec<string>.Instance.ReadValue(payload) + "'" : "";

        public void Tick(string peer) => Seen = "tick " + peer;

        public void Peers(string peer, string[] nodes) => Seen = "peers " + string.Join(",", nodes);

        public void Send(string peer, Pid to, string? name, int messageId, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease) =>
            Seen = $"send {Text(to)} {Text(name)} {messageId} {Payload(payload)}";

        public void Request(string peer, bool isCall, ulong callRef, int messageId, Pid from, Pid to, string? name, in ReadOnlySequence<byte> payload, FrameHeaders headers, IFrameLease? lease)
        {
            Seen = $"{(isCall ? "call" : "cast")} {callRef} {messageId} {Text(from)} {Text(to)} {Text(name)} {Payload(payload)}";
            Headers = headers;
        }

        public void CancelCall(string peer, ulong callRef) => Seen = "cancel " + callRef;

        public void Reply(string peer, ulong callRef, in ReplyOutcome outcome, IFrameLease? lease) => Seen = outcome.Status switch
        {
            ReplyStatus.Ok => $"reply {callRef} Ok {Payload(outcome.Payload)}",
            ReplyStatus.Exited => $"reply {callRef} Exited {outcome.Callee} {outcome.Reason}",
            ReplyStatus.Unhandled => $"reply {callRef} Unhandled {outcome.Callee} {outcome.Detail}",
            ReplyStatus.Raised => $"reply {callRef} Raised {outcome.ExceptionType} {outcome.Detail} {outcome.StackTrace}",
            _ => $"reply {callRef} Undefined {outcome.FunctionId} {outcome.Detail}",
        };

        public void Link(string peer, Pid from, Pid to) => Seen = $"link {from} {to}";

        public void Unlink(string peer, Pid from, Pid to) => Seen = $"unlink {from} {to}";

        public void Exit(string peer, Pid from, Pid to, ExitReason reason, bool viaLink) => Seen = $"exit {from} {to} {reason} {viaLink}";

        public void Monitor(string peer, Pid watcher, Pid target, MonitorRef monitor) => Seen = $"monitor {watcher} {target} {monitor}";

        public void Demonitor(string peer, Pid watcher, Pid target, MonitorRef monitor) => Seen = $"demonitor {watcher} {target} {monitor}";

        public void Down(string peer, Pid watcher, Pid target, MonitorRef monitor, ExitReason reason) => Seen = $"down {watcher} {target} {monitor} {reason}";

        public void SpawnRequest(string peer, in SpawnRequest request) =>
            (Headers, Seen) = (request.Headers, $"spawn {request.RequestId} {request.BehaviourId} {request.Link} {request.From} {Text(request.Monitor)} {Text(request.Name)} {request.HasArgs}{(request.AfterInit ? " after-init" : "")}"
                + (request.HasArgs ? " " + Payload(request.Args) : ""));

        public void SpawnReply(string peer, ulong requestId, Pid pid, string? error) => Seen = $"spawned {requestId} {Text(pid)} {Text(error)}";

        public void Rpc(string peer, bool isCall, ulong callRef, int functionId, Pid from, in ReadOnlySequence<byte> args, FrameHeaders headers) =>
            Seen = $"rpc {isCall} {callRef} {functionId} {from} {Payload(args)}";
    }
}
