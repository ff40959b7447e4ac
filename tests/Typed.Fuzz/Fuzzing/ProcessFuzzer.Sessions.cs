using System.Buffers.Binary;
using System.Net;
using Typed.Distribution.Protocol;
using Typed.Distribution.Protocol.Handshake;

namespace Typed.Fuzzing;

/// <summary>One session per category: how an input gets to the decoder it is aimed at.</summary>
internal sealed partial class ProcessFuzzer
{
    /// <summary>How many inputs one authenticated connection takes at most before a new handshake.</summary>
    const int InputsPerConnection = 1000;

    /// <summary>Frames after a real handshake, many to a connection while the node accepts them.</summary>
    async Task FrameSessionAsync(FuzzCategory category, Random random, int worker, string origin, byte[]? replay, CancellationToken cancellationToken)
    {
        // One connection in eight is visible (NodeUp, the services meet the peer, Peers meshes); the rest hidden.
        // Names come round again (the node keeps a slot per peer name), a handful per worker, so a name's
        // last connection is long closed when it is used again.
        using var socket = await ConnectAsync($"fw{worker}x{random.Next(16)}@127.0.0.1", hidden: replay is not null || random.Next(8) != 0, cancellationToken);
        if (socket is null)
        {
            return;
        }

        for (var n = 0; n < InputsPerConnection && (replay is not null || !Done); n++)
        {
            var wire = replay ?? MutateFrame(category, random);
            Fed(category, wire, replay is null ? $"{origin}, input {n}" : Replay);
            var callRef = Interlocked.Increment(ref _probeRef);
            if (FrameLayer(wire) == Shape.Whole && replay is null)
            {
                if (!await socket.SendAsync((byte[])[.. wire, .. Probe(callRef)], cancellationToken))
                {
                    Interlocked.Increment(ref _report.Closed[(int)category]);
                    return;
                }

                using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                answer.CancelAfter(AnswerTimeout);
                try
                {
                    if (!(await AwaitReplyAsync(socket, callRef, answer.Token)).Answered)
                    {
                        Interlocked.Increment(ref _report.Closed[(int)category]);
                        return;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _report.Stalls[(int)category]);
                    return;
                }
            }
            else
            {
                // The frame layer refuses it or waits for more: the end of the stream follows instead of a probe.
                await socket.SendAsync(wire, cancellationToken);
                socket.ShutdownSend();
                await DrainAsync(socket, category, cancellationToken);
                return;
            }
        }
    }

    byte[] MutateFrame(FuzzCategory category, Random random)
    {
        var pool = category == FuzzCategory.Payloads || random.Next(4) == 0 ? _corpus.Payloads : _corpus.Frames;
        var entry = pool[random.Next(pool.Length)];
        var other = _corpus.Frames[random.Next(_corpus.Frames.Length)].Bytes;
        if (random.Next(16) == 0)
        {
            // The length in front mutated too.
            return Mutator.Mutate(random, FrameBytes.Wire(entry.Bytes), 0, FrameBytes.Wire(other));
        }

        var from = category == FuzzCategory.Payloads && random.Next(4) != 0 ? entry.PayloadAt : 0;
        var body = Mutator.Mutate(random, entry.Bytes, from, other);
        var wire = FrameBytes.Wire(body);
        if (random.Next(8) == 0)
        {
            // Behind a valid frame: the decoder meets it mid-stream.
            var valid = _corpus.Frames[random.Next(_corpus.Frames.Length)];
            wire = [.. FrameBytes.Wire(valid.Bytes), .. wire];
        }

        return wire;
    }

    enum Shape
    {
        Whole,
        Refused,
        Partial,
    }

    /// <summary>What the node's frame layer makes of <paramref name="wire"/> (as <c>Frames.TryReadOrSkip</c> reads it).</summary>
    static Shape FrameLayer(byte[] wire)
    {
        var at = 0;
        while (at + 4 <= wire.Length)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(wire.AsSpan(at));
            if (length == 0)
            {
                return Shape.Refused;
            }

            if (length > MaxFrame)
            {
                // A Tick over the cap is skipped as it arrives: the node waits for its bytes.
                return at + 4 < wire.Length && wire[at + 4] != (byte)FrameKind.Tick ? Shape.Refused : Shape.Partial;
            }

            if (at + 4 + (long)length > wire.Length)
            {
                return Shape.Partial;
            }

            at += 4 + (int)length;
        }

        return at == wire.Length ? Shape.Whole : Shape.Partial;
    }

    async Task DrainAsync(WireSocket socket, FuzzCategory category, CancellationToken cancellationToken)
    {
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        answer.CancelAfter(AnswerTimeout);
        if (await socket.DrainAsync(answer.Token))
        {
            Interlocked.Increment(ref _report.Closed[(int)category]);
        }
        else if (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _report.Stalls[(int)category]);
        }
    }

    /// <summary>A source address of its own every eight handshakes: the node's back-off starts at ten failures from one source.</summary>
    IPAddress NextSource()
    {
        var n = Interlocked.Increment(ref _source) / 8;
        return new IPAddress([127, (byte)(1 + (n / (254 * 256) % 254)), (byte)(n / 254 % 256), (byte)(1 + (n % 254))]);
    }

    /// <summary>A Hello (or, after a valid Hello, a Proof) to the accepting node, then the end of the stream.</summary>
    async Task AcceptSessionAsync(FuzzCategory category, Random random, string origin, byte[]? replay, CancellationToken cancellationToken)
    {
        using var socket = await WireSocket.ConnectAsync(_target.Endpoint, NextSource(), cancellationToken);
        byte[] input;
        if (category == FuzzCategory.AcceptHello)
        {
            var hellos = _corpus.Hellos;
            input = replay ?? Mutator.Mutate(random, FrameBytes.Wire(hellos[random.Next(hellos.Length)].Bytes), random.Next(8) == 0 ? 0 : 4);
        }
        else
        {
            var machine = HandshakeMachine.Dial(
                new HandshakeIdentity($"p{random.Next(1000)}@127.0.0.1", (uint)random.Next(), Capabilities.Headers, _cookie), Corpus.TargetName);
            await socket.SendFrameAsync(machine.Start()!, cancellationToken);
            var challenge = await socket.ReadFrameAsync(HandshakeFrames.MaxFrame, cancellationToken);
            if (challenge is null)
            {
                return;
            }

            var proof = machine.Receive(challenge, out _)!;
            input = replay ?? Mutator.Mutate(random, FrameBytes.Wire(proof), random.Next(8) == 0 ? 0 : 4);
        }

        Fed(category, input, origin);
        await socket.SendAsync(input, cancellationToken);
        socket.ShutdownSend();
        await DrainAsync(socket, category, cancellationToken);
    }

    /// <summary>One request to the node's embedded port mapper, then the end of the stream.</summary>
    async Task PortMapperSessionAsync(Random random, string origin, byte[]? replay, CancellationToken cancellationToken)
    {
        using var socket = await WireSocket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _target.MapperPort), null, cancellationToken);
        var requests = _corpus.PortMapper;
        var input = replay ?? Mutator.Mutate(random, requests[random.Next(requests.Length)].Bytes, random.Next(4) == 0 ? 0 : 2, requests[random.Next(requests.Length)].Bytes);
        Fed(FuzzCategory.PortMapper, input, origin);
        await socket.SendAsync(input, cancellationToken);
        socket.ShutdownSend();
        await DrainAsync(socket, FuzzCategory.PortMapper, cancellationToken);
    }

    /// <summary>
    /// The node dials one of the names that resolve to the fuzzer's listener; the fuzzer answers as the
    /// acceptor with a mutated Challenge, or with a valid Challenge and then a mutated Ack.
    /// </summary>
    async Task DialSessionAsync(FuzzCategory category, Random random, string origin, byte[]? replay, CancellationToken cancellationToken)
    {
        // One dial at a time: the node's Hello names the node, not whom it dialled.
        await _dialing.WaitAsync(cancellationToken);
        try
        {
            var name = $"fz{Interlocked.Increment(ref _dialName) % 64}@127.0.0.1";
            await _target.CommandAsync("dial " + name, cancellationToken);
            using var accept = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            accept.CancelAfter(TimeSpan.FromSeconds(3));
            using var socket = WireSocket.From(await _dialListener.AcceptAsync(accept.Token));
            var hello = await socket.ReadFrameAsync(HandshakeFrames.MaxFrame, accept.Token);
            if (hello is null)
            {
                return;
            }

            var machine = HandshakeMachine.Accept(new HandshakeIdentity(name, (uint)random.Next(), Capabilities.Known, _cookie), _ => HandshakeStatus.Ok);
            var challenge = machine.Receive(hello, out _)!;
            byte[] input;
            if (category == FuzzCategory.DialChallenge)
            {
                input = replay ?? Mutator.Mutate(random, FrameBytes.Wire(challenge), random.Next(8) == 0 ? 0 : 4);
            }
            else
            {
                await socket.SendFrameAsync(challenge, cancellationToken);
                var proof = await socket.ReadFrameAsync(HandshakeFrames.MaxFrame, accept.Token);
                if (proof is null)
                {
                    return;
                }

                var ack = machine.Receive(proof, out _)!;
                input = replay ?? Mutator.Mutate(random, FrameBytes.Wire(ack), random.Next(8) == 0 ? 0 : 4);
            }

            Fed(category, input, origin);
            await socket.SendAsync(input, cancellationToken);
            socket.ShutdownSend();
            await DrainAsync(socket, category, cancellationToken);
        }
        finally
        {
            _dialing.Release();
        }
    }
}
