using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;

namespace Typed.Fuzzing;

/// <summary>
/// Fuzzes a node in its own OS process (<see cref="TargetProcess"/>) over real TCP on 127.0.0.0/8:
/// seeded mutations of every handshake step in both roles, every frame kind after a real handshake,
/// sends, calls, casts and RPC calls to the node's real processes, and port mapper requests. Bounded
/// by a count and a duration; a target that exits is a crash, recorded with the input's bytes,
/// replayed alone against a fresh target to confirm it, and the run goes on with a new target.
/// </summary>
/// <remarks>
/// Design note. Inputs after the handshake go many to a connection: each mutated frame is followed
/// by a probe (a call to an unregistered name, which the node answers at once from its read loop), so
/// the probe's reply proves every frame before it was decoded and accepted, and a closed connection
/// that one was refused; the fuzzer then handshakes again. Mutations keep the frame's length in front
/// consistent most of the time (so the body's decoders are reached), and mutate it too one time in
/// sixteen; an input the frame layer will wait on is followed by the end of the stream instead of a
/// probe. Before authentication every input needs its own connection, and a source address that
/// fails ten handshakes is made to back off (<c>HandshakeGuard</c>): each source address
/// (127.x.y.z) is used for eight handshakes only.
/// </remarks>
internal sealed partial class ProcessFuzzer
{
    const int MaxFrame = 64 * 1024 * 1024;
    const int RecentKept = 4096;
    static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    readonly FuzzOptions _options;
    readonly Corpus _corpus;
    readonly FuzzReport _report;
    readonly byte[] _cookie = Encoding.UTF8.GetBytes(Cookie);
    readonly Queue<(FuzzCategory Category, byte[] Bytes, string Origin)> _recent = new();
    readonly Stopwatch _clock = new();
    readonly SemaphoreSlim _dialing = new(1, 1);
    readonly System.Collections.Concurrent.ConcurrentDictionary<int, (Random Random, int Sessions)> _workers = new();
    Socket _dialListener = null!;
    TargetProcess _target = null!;
    long _total;
    int _creation;
    int _source;
    int _dialName;
    int _healthName;
    ulong _probeRef = 1UL << 62;

    const string Cookie = "fuzz-cookie";

    /// <summary>The origin of a replayed input: not counted again.</summary>
    const string Replay = "replay";

    ProcessFuzzer(FuzzOptions options)
    {
        _options = options;
        _corpus = Corpus.Build();
        _report = new FuzzReport(options.Seed);
        _report.Skipped.AddRange(_corpus.Skipped);
    }

    /// <summary>Runs the fuzzer to its count or duration and reports.</summary>
    public static async Task<FuzzReport> RunAsync(FuzzOptions options)
    {
        var fuzzer = new ProcessFuzzer(options);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        fuzzer._dialListener = listener;
        try
        {
            await fuzzer.RunAsync();
        }
        finally
        {
            fuzzer._target?.Dispose();
        }

        return fuzzer._report;
    }

    /// <summary>
    /// Feeds each input alone to one fresh target, in order; reports those after which it exited, did not
    /// answer a fresh handshake and call, or no longer ran one of <paramref name="processes"/> (registered names).
    /// </summary>
    public static async Task<List<FuzzCrash>> ReplayAsync(IEnumerable<(FuzzCategory Category, byte[] Bytes)> inputs, params string[] processes)
    {
        var fuzzer = new ProcessFuzzer(new FuzzOptions(0, 0, TimeSpan.Zero));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        fuzzer._dialListener = listener;
        var crashes = new List<FuzzCrash>();
        try
        {
            foreach (var (category, bytes) in inputs)
            {
                await fuzzer.RestartTargetAsync();
                await fuzzer.TryDeliverAsync(category, bytes);
                var exited = await fuzzer.ExitedWithinAsync(TimeSpan.FromMilliseconds(500));
                var gone = new List<string>();
                foreach (var name in processes)
                {
                    if (!exited && !await fuzzer.RunningAsync(name))
                    {
                        gone.Add(name);
                    }
                }

                if (exited || !await fuzzer.HealthyAsync() || gone.Count > 0)
                {
                    var what = gone.Count > 0 ? $"no longer running: {string.Join(", ", gone)}\n" : "";
                    crashes.Add(new FuzzCrash(category, bytes, true, fuzzer._target.ExitCode, what + fuzzer._target.Stderr(), Replay));
                    fuzzer._target.Kill();
                    await fuzzer._target.Exited.WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        finally
        {
            fuzzer._target?.Dispose();
        }

        return crashes;
    }

    bool Done => Interlocked.Read(ref _total) >= _options.Count || _clock.Elapsed >= _options.Duration;

    async Task RunAsync()
    {
        _clock.Start();
        _target = await StartTargetAsync();
        await VerifyCorpusAsync();
        while (true)
        {
            await RunWorkersAsync();
            if (!_target.HasExited)
            {
                break;
            }

            _report.TargetExits++;
            await RecordCrashAsync();
            if (_report.TargetExits >= _options.MaxCrashes || Done)
            {
                break;
            }

            await RestartTargetAsync();
        }

        _report.Elapsed = _clock.Elapsed;
        await RestartTargetAsync();

        _report.AliveAtEnd = await HealthyAsync();
        // fuzz_echo is not listed: fuzzed supervisor requests may stop it as a real request would; its supervisor must live.
        foreach (var name in (string[])["echo", Typed.TestNode.Shared.FuzzTargetSupervisor.RegisteredName, "global_name_server", "pg", "rex"])
        {
            _report.Services.Add((name, await RunningAsync(name)));
        }

        await _target.StopAsync(TimeSpan.FromSeconds(5));
    }

    async Task<TargetProcess> StartTargetAsync()
    {
        _report.TargetStarts++;
        return await TargetProcess.StartAsync(Cookie, ((IPEndPoint)_dialListener.LocalEndPoint!).Port, TimeSpan.FromSeconds(30));
    }

    async Task RunWorkersAsync()
    {
        using var stop = new CancellationTokenSource();
        var progress = Task.Run(async () =>
        {
            var last = 0L;
            while (!stop.IsCancellationRequested)
            {
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(10), stop.Token), _target.Exited).ContinueWith(_ => { }, TaskScheduler.Default);
                if (_options.Log is { } log && !stop.IsCancellationRequested)
                {
                    var total = Interlocked.Read(ref _total);
                    log($"{_clock.Elapsed.TotalSeconds:F0} s: {total:N0} inputs ({(total - last) / 10.0:N0}/s)");
                    last = total;
                }

                if (_target.HasExited || Done)
                {
                    await stop.CancelAsync();
                }
            }
        });
        var workers = Enumerable.Range(0, _options.Workers).Select(i => Task.Run(() => WorkAsync(i, stop.Token))).ToArray();
        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await progress;
    }

    /// <summary>Worker <paramref name="index"/>'s category: payloads and frames take most, one dials, the rest share the pre-authentication steps.</summary>
    static FuzzCategory? Role(int index) => (index % 12) switch
    {
        0 or 4 or 8 => FuzzCategory.Payloads,
        1 or 5 or 9 => FuzzCategory.Frames,
        2 or 10 => FuzzCategory.AcceptHello,
        3 => null,   // the dialling node: Challenge and Ack
        6 => FuzzCategory.PortMapper,
        _ => FuzzCategory.AcceptProof,
    };

    async Task WorkAsync(int index, CancellationToken stop)
    {
        // A worker's generator and session count go on across target restarts: a restarted target gets
        // new inputs, not the ones that came before the crash again.
        var (random, sessions) = _workers.TryGetValue(index, out var kept) ? kept : (new Random(unchecked(_options.Seed * 1000 + index)), 0);
        try
        {
            await WorkAsync(index, random, () => sessions++, stop);
        }
        finally
        {
            _workers[index] = (random, sessions);
        }
    }

    async Task WorkAsync(int index, Random random, Func<int> nextSession, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !Done && !_target.HasExited)
        {
            var origin = $"seed {_options.Seed}, worker {index}, session {nextSession()}";
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
                deadline.CancelAfter(TimeSpan.FromSeconds(30));
                var role = Role(index);
                var task = role switch
                {
                    FuzzCategory.Payloads or FuzzCategory.Frames => FrameSessionAsync(role.Value, random, index, origin, null, deadline.Token),
                    FuzzCategory.AcceptHello or FuzzCategory.AcceptProof => AcceptSessionAsync(role.Value, random, origin, null, deadline.Token),
                    FuzzCategory.PortMapper => PortMapperSessionAsync(random, origin, null, deadline.Token),
                    _ => DialSessionAsync(random.Next(2) == 0 ? FuzzCategory.DialChallenge : FuzzCategory.DialAck, random, origin, null, deadline.Token),
                };
                await task;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or HandshakeException or TimeoutException)
            {
                // The target refused, reset or went quiet: the next session starts afresh (a dead target ends the loop).
            }
        }
    }

    /// <summary>Counts one input and keeps it among the recent ones a crash is looked for in.</summary>
    void Fed(FuzzCategory category, byte[] bytes, string origin)
    {
        if (origin == Replay)
        {
            return;
        }

        Interlocked.Increment(ref _report.Inputs[(int)category]);
        Interlocked.Increment(ref _total);
        lock (_recent)
        {
            _recent.Enqueue((category, bytes, origin));
            if (_recent.Count > RecentKept)
            {
                _recent.Dequeue();
            }
        }
    }

    async Task RecordCrashAsync()
    {
        (FuzzCategory Category, byte[] Bytes, string Origin)[] recent;
        lock (_recent)
        {
            recent = [.. _recent.Reverse()];
            _recent.Clear();
        }

        var (exitCode, stderr) = (_target.ExitCode, _target.Stderr());
        _options.Log?.Invoke($"the target exited (code {exitCode}); replaying the last {recent.Length} inputs to find the one that killed it");
        _target.Dispose();
        _target = null!;

        // Replayed in the order they were sent, halving the suspects each round (on a fresh target after a crash): the
        // runtime may take a while to print its report and exit, so an exit names no single input.
        var suspects = recent.Reverse().ToList();
        await RestartTargetAsync();
        if (!await KillsAsync(suspects))
        {
            // Not reproduced (it may need inputs from before, or timing): the most recent input, with what the target said.
            var last = recent.FirstOrDefault();
            AddCrash(new FuzzCrash(last.Category, last.Bytes ?? [], false, exitCode, stderr, last.Origin ?? "?"));
            return;
        }

        while (suspects.Count > 1)
        {
            var first = suspects[..(suspects.Count / 2)];
            suspects = await KillsAsync(first) ? first : suspects[(suspects.Count / 2)..];
        }

        var culprit = suspects[0];
        var confirmed = await KillsAsync(suspects);
        AddCrash(new FuzzCrash(culprit.Category, culprit.Bytes, confirmed, confirmed ? _target.ExitCode : exitCode, confirmed ? _target.Stderr() : stderr, culprit.Origin));
    }

    /// <summary>Whether the inputs, each fed alone in order to a fresh target, make it exit within two seconds.</summary>
    async Task<bool> KillsAsync(List<(FuzzCategory Category, byte[] Bytes, string Origin)> inputs)
    {
        await RestartTargetAsync();
        foreach (var (category, bytes, _) in inputs)
        {
            await TryDeliverAsync(category, bytes);
            if (_target.HasExited)
            {
                return true;
            }
        }

        return await ExitedWithinAsync(TimeSpan.FromSeconds(2));
    }

    void AddCrash(FuzzCrash crash)
    {
        _options.Log?.Invoke($"the input that killed the target: {crash.Category}, {crash.Origin}, {(crash.Confirmed ? "confirmed" : "not reproduced")}: {Convert.ToHexString(crash.Bytes)}");
        if (!_report.Crashes.Any(c => c.Bytes.AsSpan().SequenceEqual(crash.Bytes)))
        {
            _report.Crashes.Add(crash);
        }
    }

    async Task RestartTargetAsync()
    {
        if (_target is { HasExited: false })
        {
            return;
        }

        _target?.Dispose();
        _target = await StartTargetAsync();
    }

    async Task TryDeliverAsync(FuzzCategory category, byte[] bytes)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await DeliverAsync(category, bytes, deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or HandshakeException)
        {
        }
    }

    async Task<bool> ExitedWithinAsync(TimeSpan wait)
    {
        try
        {
            await _target.Exited.WaitAsync(wait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Feeds one recorded input the way its category is fed.</summary>
    Task DeliverAsync(FuzzCategory category, byte[] bytes, CancellationToken cancellationToken) => category switch
    {
        FuzzCategory.Frames or FuzzCategory.Payloads => FrameSessionAsync(category, new Random(0), 99, Replay, bytes, cancellationToken),
        FuzzCategory.AcceptHello or FuzzCategory.AcceptProof => AcceptSessionAsync(category, new Random(0), Replay, bytes, cancellationToken),
        FuzzCategory.PortMapper => PortMapperSessionAsync(new Random(0), Replay, bytes, cancellationToken),
        _ => DialSessionAsync(category, new Random(0), Replay, bytes, cancellationToken),
    };

    /// <summary>Where the fuzzer's authenticated sessions connect from (127.0.0.1 is theirs).</summary>
    static readonly IPAddress Fuzzing = IPAddress.Loopback;

    /// <summary>
    /// Where health checks and the corpus check connect from: a source of their own, so the node's
    /// back-off for a source whose handshakes failed (sessions cut short when a run stops) never refuses them.
    /// </summary>
    static readonly IPAddress Checking = new([127, 0, 0, 2]);

    /// <summary>A fresh authenticated connection (a hidden node unless told otherwise), or null if the handshake failed.</summary>
    async Task<WireSocket?> ConnectAsync(string name, bool hidden, CancellationToken cancellationToken, IPAddress? from = null)
    {
        var socket = await WireSocket.ConnectAsync(_target.Endpoint, from ?? Fuzzing, cancellationToken);
        try
        {
            var flags = Capabilities.Headers | (hidden ? Capabilities.Hidden : Capabilities.None);
            var machine = HandshakeMachine.Dial(new HandshakeIdentity(name, (uint)Interlocked.Increment(ref _creation), flags, _cookie), Corpus.TargetName);
            await socket.SendFrameAsync(machine.Start()!, cancellationToken);
            while (!machine.IsDone)
            {
                var body = await socket.ReadFrameAsync(HandshakeFrames.MaxFrame, cancellationToken);
                if (body is null)
                {
                    socket.Dispose();
                    return null;
                }

                if (machine.Receive(body, out _) is { } answer)
                {
                    await socket.SendFrameAsync(answer, cancellationToken);
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A call to an unregistered name: the node answers it from its read loop (exited, noproc).</summary>
    static byte[] Probe(ulong callRef) => FrameBytes.Wire(new FrameBytes()
        .U8((byte)FrameKind.Call).U64(callRef).I32(0).SenderPid(Corpus.SenderPid.Id, Corpus.SenderPid.Creation).NoPid().String("fuzz_probe").ToArray());

    /// <summary>Reads until the reply to <paramref name="callRef"/> (true) or the end of the connection (false).</summary>
    static async Task<(bool Answered, byte Status)> AwaitReplyAsync(WireSocket socket, ulong callRef, CancellationToken cancellationToken)
    {
        while (await socket.ReadFrameAsync((1 << 16) - 8, cancellationToken) is { } body)
        {
            if (body.Length >= 10 && body[0] == (byte)FrameKind.Reply && BinaryPrimitives.ReadUInt64LittleEndian(body.AsSpan(1)) == callRef)
            {
                return (true, body[9]);
            }
        }

        return (false, 0);
    }

    /// <summary>
    /// A fresh handshake and a call the node must answer: to an unregistered name, answered "exited" by
    /// its router (the node's own processes may have been crashed by valid but hostile messages, which
    /// <see cref="RunningAsync"/> reports apart).
    /// </summary>
    async Task<bool> HealthyAsync() => await CallAsync("fuzz_probe", 0, []) == 1;

    /// <summary>Whether a process is registered under <paramref name="name"/>: a call of an id nobody declares is answered "unhandled" (2), not "exited" (1).</summary>
    async Task<bool> RunningAsync(string name)
    {
        var status = await CallAsync(name, 0, []);
        return status == 2;
    }

    /// <summary>The reply status of one call by name over a fresh connection; -1 without an answer in time.</summary>
    async Task<int> CallAsync(string name, int messageId, byte[] payload)
    {
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var socket = await ConnectAsync($"health{Interlocked.Increment(ref _healthName) % 16}@127.0.0.1", hidden: true, deadline.Token, Checking);
            if (socket is null)
            {
                return -1;
            }

            var callRef = Interlocked.Increment(ref _probeRef);
            var call = new FrameBytes().U8((byte)FrameKind.Call).U64(callRef).I32(messageId)
                .SenderPid(Corpus.SenderPid.Id, Corpus.SenderPid.Creation).NoPid().String(name).Raw(payload).ToArray();
            await socket.SendFrameAsync(call, deadline.Token);
            var (answered, status) = await AwaitReplyAsync(socket, callRef, deadline.Token);
            return answered ? status : -1;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or HandshakeException)
        {
            return -1;
        }
    }

    /// <summary>Sends every valid frame of the corpus on authenticated connections: each must be accepted.</summary>
    async Task VerifyCorpusAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        WireSocket? socket = null;
        try
        {
            foreach (var entry in _corpus.Frames.Concat(_corpus.Payloads))
            {
                socket ??= await ConnectAsync("corpus@127.0.0.1", hidden: true, deadline.Token, Checking);
                var callRef = Interlocked.Increment(ref _probeRef);
                if (socket is null || !await socket.SendAsync((byte[])[.. FrameBytes.Wire(entry.Bytes), .. Probe(callRef)], deadline.Token)
                    || !(await AwaitReplyAsync(socket, callRef, deadline.Token)).Answered)
                {
                    _report.CorpusRefused.Add(entry.Label);
                    socket?.Dispose();
                    socket = null;
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }
    }
}
