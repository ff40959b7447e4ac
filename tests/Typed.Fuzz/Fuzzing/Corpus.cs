using System.Buffers;
using Typed.CompilerServices;
using Typed.Distribution.Discovery;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;
using Typed.Groups;
using Typed.Registry.Global;
using Typed.Rpc;
using Typed.TestNode.Shared;

namespace Typed.Fuzzing;

/// <summary>One valid input: a frame body (or a port mapper request), and where its user payload starts.</summary>
/// <param name="Label">What it is, for reports.</param>
/// <param name="Bytes">The valid bytes.</param>
/// <param name="PayloadAt">The offset of the user payload in <paramref name="Bytes"/> (its length when there is none).</param>
internal sealed record CorpusEntry(string Label, byte[] Bytes, int PayloadAt);

/// <summary>
/// The valid inputs the fuzzer mutates: Hellos, every frame kind from the protocol's own encoders,
/// a send, call or cast of every message of every process the target runs (by registered name, with
/// a sample payload), RPC calls of the target's functions, and the port mapper's requests.
/// </summary>
internal sealed class Corpus
{
    public const string TargetName = "target@127.0.0.1";

    /// <summary>The name the frames' sender pids belong to (only id and creation travel: tag 2).</summary>
    const string Sender = "fw@127.0.0.1";

    /// <summary>The registered names of the target's processes and the behaviours they run.</summary>
    static readonly (string Name, BehaviourDescriptor Behaviour)[] Targets =
    [
        (FuzzEcho.RegisteredName, FuzzEcho.Messages.Descriptor),
        ("echo", EchoWorker.Messages.Descriptor),
        (GlobalServer.RegisteredName, GlobalServer.Messages.Descriptor),
        ("pg", ScopeServer.Messages.Descriptor),
        (RpcHost.RegisteredName, RpcHost.Messages.Descriptor),
    ];

    Corpus(CorpusEntry[] hellos, CorpusEntry[] frames, CorpusEntry[] payloads, CorpusEntry[] portMapper, IReadOnlyList<string> skipped)
    {
        Hellos = hellos;
        Frames = frames;
        Payloads = payloads;
        PortMapper = portMapper;
        Skipped = skipped;
    }

    public CorpusEntry[] Hellos { get; }

    public CorpusEntry[] Frames { get; }

    public CorpusEntry[] Payloads { get; }

    public CorpusEntry[] PortMapper { get; }

    /// <summary>Messages no sample could be made for (reported, never silently dropped).</summary>
    public IReadOnlyList<string> Skipped { get; }

    /// <summary>The sender pid every frame uses: on the fuzzer's own node.</summary>
    public static Pid SenderPid => new(Sender, 7, 1);

    public static Corpus Build()
    {
        var skipped = new List<string>();
        return new Corpus(BuildHellos(), BuildFrames(), BuildPayloads(skipped), BuildPortMapper(), skipped);
    }

    /// <summary>The frame cap the corpus's Hellos announce: the default 64 MiB.</summary>
    const int MaxFrame = 64 << 20;

    static CorpusEntry[] BuildHellos()
    {
        var nonce = Enumerable.Range(1, Greeting.NonceSize).Select(i => (byte)i).ToArray();
        return
        [
            new("hello", new Greeting(HandshakeMachine.Version, Capabilities.Known, 1, MaxFrame, "h@127.0.0.1", nonce).Encode(FrameKind.Hello), 0),
            new("hello hidden", new Greeting(HandshakeMachine.Version, Capabilities.Hidden, 0xFFFFFFFF, MaxFrame, "hidden_1-x@localhost", nonce).Encode(FrameKind.Hello), 0),
            new("hello long name", new Greeting(HandshakeMachine.Version, (Capabilities)ulong.MaxValue, 7, MaxFrame, new string('n', 200) + "@" + new string('h', 54), nonce).Encode(FrameKind.Hello), 0),
            new("hello v2", new Greeting(2, Capabilities.None, 1, MaxFrame, "old@127.0.0.1", nonce).Encode(FrameKind.Hello), 0),
        ];
    }

    static CorpusEntry[] BuildFrames()
    {
        var peers = new FramePeers(Sender, TargetName, Headers: true);
        var onSender = SenderPid;
        var onTarget = new Pid(TargetName, 1_000_000, 3);
        var elsewhere = new Pid("c@127.0.0.1", 11, 5);
        var crash = ExitReason.FromException(new InvalidOperationException("boom"));
        var monitor = new MonitorRef(Sender, 1);
        var frames = new (string, OutFrame)[]
        {
            ("tick", TickFrame.Instance),
            ("send by pid", new SendFrame(onTarget, null, FuzzEchoInfoId(), new FuzzItem("a", 1, ["t"], null), MessageCodec<FuzzItem>.Instance)),
            ("send named", new SendFrame(default, "nobody", FuzzEchoInfoId(), new FuzzItem("b", 2, [], null), MessageCodec<FuzzItem>.Instance)),
            ("call", new RequestFrame<Args<string>>(FrameKind.Call, 77, onSender, onTarget, null, FuzzEchoId("Echo"), new("x"), FrameHeaders.Within(TimeSpan.FromSeconds(5)))),
            ("cast", new RequestFrame<Args<string>>(FrameKind.Cast, 0, onSender, default, "nobody", FuzzEchoId("Echo"), new("y"))),
            ("cancel call", new CancelCallFrame(9)),
            ("reply ok", new ReplyOkFrame<string>(1, "42")),
            ("reply exited", new ReplyExitedFrame(2, elsewhere, crash)),
            ("reply unhandled", new ReplyUnhandledFrame(3, onSender, "nope")),
            ("reply raised", new ReplyRaisedFrame(4, "T", "m", "s")),
            ("reply undefined", new ReplyUndefinedFrame(5, 8, "why")),
            ("link", new SignalFrame(FrameKind.Link, onSender, onTarget)),
            ("unlink", new SignalFrame(FrameKind.Unlink, onSender, onTarget)),
            ("exit", new SignalFrame(FrameKind.Exit, onSender, onTarget, crash, viaLink: true)),
            ("monitor", new MonitorFrame(FrameKind.Monitor, onSender, onTarget, monitor)),
            ("demonitor", new MonitorFrame(FrameKind.Demonitor, onSender, onTarget, monitor)),
            ("down", new MonitorFrame(FrameKind.Down, onTarget, onSender, monitor, ExitReason.NoProc)),
            ("spawn request", new SpawnRequestFrame(3, onSender, EchoWorker.Messages.Descriptor.Id, true, monitor, null, null, null)),
            ("spawn reply", new SpawnReplyFrame(3, onSender, "e")),
            ("peers", new PeersFrame(["nobody@127.0.0.1", "c@127.0.0.1"])),
            ("rpc call", new RpcRequestFrame<Args<string, List<int>>>(FrameKind.RpcCall, 5, FunctionId("Join"), onSender, new("j", [1, 2]))),
            ("rpc cast", new RpcRequestFrame<Args<string, List<int>>>(FrameKind.RpcCast, 0, FunctionId("Join"), onSender, new("k", [3]))),
        };
        return [.. frames.Select(f => new CorpusEntry(f.Item1, Body(f.Item2, peers), 0))];
    }

    /// <summary>The id of a <c>FuzzFunctions</c> function (the generated stubs hold it as a literal).</summary>
    static int FunctionId(string method)
    {
        // Its registration is the module initializer of the assembly that declares it: make sure it ran.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(FuzzFunctions).Module.ModuleHandle);
        return RpcRegistry.All.Single(f => f.Name.StartsWith(typeof(FuzzFunctions).FullName + "." + method + "(", StringComparison.Ordinal)).Id;
    }

    static int FuzzEchoId(string handler) => FuzzEcho.Messages.Descriptor.Messages.Single(m => m.Handler == handler).Id;

    static int FuzzEchoInfoId() => FuzzEcho.Messages.Descriptor.Messages.Single(m => m.Kind == MessageKind.Info).Id;

    static CorpusEntry[] BuildPayloads(List<string> skipped)
    {
        var entries = new List<CorpusEntry>();
        var self = SenderPid;
        ulong callRef = 1000;
        foreach (var (name, behaviour) in Targets)
        {
            foreach (var spec in behaviour.Messages)
            {
                if (spec.Handler == nameof(EchoWorker.Crash))
                {
                    continue;   // a valid order to crash: not what the fuzzer looks for
                }

                if (!TrySerialize(spec.Message, self, out var payload, out var problem))
                {
                    skipped.Add($"{behaviour.Name}.{spec.Handler}: {problem}");
                    continue;
                }

                var label = $"{spec.Kind.ToString().ToLowerInvariant()} {name} {spec.Handler}";
                entries.Add(spec.Kind switch
                {
                    MessageKind.Info => Payload(label, new FrameBytes().U8((byte)FrameKind.SendNamed).String(name).I32(spec.Id), payload),
                    _ => Payload(label, Request(spec.Kind == MessageKind.Call, callRef++, spec.Id, self, name, headers: callRef % 2 == 0), payload),
                });
            }
        }

        // The supervisor's requests (the same for every supervisor), with specs and start arguments.
        var request = Typed.CompilerServices.MessageCodec<Typed.Supervision.ChildRequest>.Instance;
        foreach (var (label, id, value) in new (string, int, Typed.Supervision.ChildRequest)[]
        {
            ("call fuzz_sup WhichChildren", 1, Typed.Supervision.ChildRequest.None),
            ("call fuzz_sup GetChild", 7, new(Id: "fuzz_echo")),
            ("call fuzz_sup TerminateChild by pid", 3, new(Pid: new Pid(TargetName, 1_000_000, 3))),
            ("call fuzz_sup StartChild spec", 6, new(Spec: ChildSpec.Of<EchoWorker>("fz_child", Restart.Temporary, name: "fz_named").On(Placement.Preferred([TargetName, "c@127.0.0.1"], takeover: true)))),
            ("call fuzz_sup StartChild round robin", 6, new(Spec: ChildSpec.Of<EchoWorker>("fz_rr", Restart.Transient).On(Placement.RoundRobin(TargetName)))),
        })
        {
            entries.Add(Payload(label, Request(true, callRef++, id, self, FuzzTargetSupervisor.RegisteredName, headers: callRef % 2 == 0), Serialize(request, value)));
        }

        foreach (var (label, id, args) in new (string, int, object)[]
        {
            ("rpc Join", FunctionId("Join"), new Args<string, List<int>>("j", [1, 2, 3])),
            ("rpc NameOf", FunctionId("NameOf"), new Args<FuzzItem>(new FuzzItem("n", 1, ["a", "b"], new FuzzItem("m", 2, [], null)))),
        })
        {
            var function = RpcRegistry.Find(id, out _)!;
            var payload = Serialize(function.Args, args);
            entries.Add(Payload(label, new FrameBytes().U8((byte)FrameKind.RpcCall).U64(callRef++).I32(id).SenderPid(self.Id, self.Creation), payload));
        }

        return [.. entries];
    }

    static FrameBytes Request(bool isCall, ulong callRef, int id, Pid from, string name, bool headers)
    {
        var kind = (byte)(isCall ? FrameKind.Call : FrameKind.Cast);
        var body = new FrameBytes();
        if (headers)
        {
            body.U8((byte)(kind | (byte)FrameKind.HasHeaders)).Deadline(5_000);
        }
        else
        {
            body.U8(kind);
        }

        return body.U64(isCall ? callRef : 0).I32(id).SenderPid(from.Id, from.Creation).NoPid().String(name);
    }

    static CorpusEntry Payload(string label, FrameBytes header, byte[] payload)
    {
        var at = header.Length;
        return new CorpusEntry(label, header.Raw(payload).ToArray(), at);
    }

    static bool TrySerialize(MessageCodec codec, Pid self, out byte[] payload, out string? problem)
    {
        try
        {
            payload = Serialize(codec, Samples.Make(codec.Type, self));
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            payload = [];
            problem = ex.GetType().Name + ": " + ex.Message;
            return false;
        }
    }

    static byte[] Serialize(MessageCodec codec, object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        codec.Serialize(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    static CorpusEntry[] BuildPortMapper() =>
    [
        new("ALIVE2_REQ", EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped("fzmap", 40_000, hidden: false)), 0),
        new("ALIVE2_REQ hidden", EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped("fzmap_hidden", 40_001, hidden: true)), 0),
        new("PORT_PLEASE2_REQ", EpmdProtocol.EncodePortPlease2Request("target"), 0),
        new("PORT_PLEASE2_REQ unknown", EpmdProtocol.EncodePortPlease2Request("nobody"), 0),
        new("NAMES_REQ", EpmdProtocol.EncodeNamesRequest(), 0),
    ];

    /// <summary>The frame's body as the protocol's writer makes it (without the length in front).</summary>
    static byte[] Body(OutFrame frame, FramePeers peers)
    {
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        using var buffer = new FrameBuffer();
        // The corpus's frames are small: written whole, never in pieces.
        if (Typed.Distribution.Protocol.Frames.Write(pipe.Writer, frame, peers, buffer, int.MaxValue, 0, out _) is not null)
        {
            throw new InvalidOperationException("a corpus frame went out in pieces");
        }

        pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        pipe.Writer.Complete();
        pipe.Reader.TryRead(out var read);
        var bytes = read.Buffer.Slice(4).ToArray();
        pipe.Reader.AdvanceTo(read.Buffer.End);
        pipe.Reader.Complete();
        return bytes;
    }
}
