using System.Buffers;

namespace Typed.Distribution.Protocol;

/// <summary>
/// Decodes every frame kind after the handshake and hands its fields to the kernel (connection-level
/// frames) or the router (everything processes do). The only reader of frame layouts besides the
/// handshake's.
/// </summary>
/// <remarks>
/// Every field is read through <see cref="FrameReader"/>, which checks each length against what is
/// left of the frame; a frame that does not decode throws <see cref="ProtocolException"/> before any
/// of it is acted on (fields are read first, then one handler call is made).
/// </remarks>
internal static class FrameDecoder
{
    /// <summary>The most nodes a Peers frame may list.</summary>
    const int MaxPeers = 65_536;

    public static void Decode(in ReadOnlySequence<byte> body, FramePeers ends, IConnectionFrames connection, ISignalFrames router, IFrameLease? lease = null)
    {
        var reader = new FrameReader(body);
        var raw = reader.Byte();
        var kind = (FrameKind)(raw & ~(byte)FrameKind.HasHeaders);
        FrameHeaders headers = default;
        if ((raw & (byte)FrameKind.HasHeaders) != 0)
        {
            if (!ends.Headers || !CarriesHeaders(kind))
            {
                ProtocolException.Throw($"headers on a {kind} frame{(ends.Headers ? "" : " of a connection that did not negotiate them")}");
            }

            headers = FrameHeaders.Read(ref reader);
        }

        var peer = ends.Remote;
        switch (kind)
        {
            case FrameKind.Tick:
                connection.Tick(peer);
                return;
            case FrameKind.Send:
            {
                var to = reader.Pid(ends);
                var id = reader.Int32();
                router.Send(peer, to, null, id, reader.Rest(), headers, lease);
                return;
            }

            case FrameKind.SendNamed:
            {
                var name = reader.RequiredString("a registered name");
                var id = reader.Int32();
                router.Send(peer, default, name, id, reader.Rest(), headers, lease);
                return;
            }

            case FrameKind.Call:
            case FrameKind.Cast:
            {
                var callRef = reader.UInt64();
                var id = reader.Int32();
                var from = reader.Pid(ends);
                var to = reader.Pid(ends);
                var name = reader.String();
                router.Request(peer, kind == FrameKind.Call, callRef, id, from, to, name, reader.Rest(), headers, lease);
                return;
            }

            case FrameKind.CancelCall:
            {
                var callRef = reader.UInt64();
                reader.End();
                router.CancelCall(peer, callRef);
                return;
            }

            case FrameKind.Reply:
                DecodeReply(ref reader, ends, router, lease);
                return;
            case FrameKind.Link:
            case FrameKind.Unlink:
            case FrameKind.Exit:
            {
                var from = reader.Pid(ends);
                var to = reader.Pid(ends);
                if (kind == FrameKind.Exit)
                {
                    var reason = reader.Reason();
                    var viaLink = reader.Bool();
                    reader.End();
                    router.Exit(peer, from, to, reason, viaLink);
                }
                else
                {
                    reader.End();
                    if (kind == FrameKind.Link)
                    {
                        router.Link(peer, from, to);
                    }
                    else
                    {
                        router.Unlink(peer, from, to);
                    }
                }

                return;
            }

            case FrameKind.Monitor:
            case FrameKind.Demonitor:
            case FrameKind.Down:
            {
                var watcher = reader.Pid(ends);
                var target = reader.Pid(ends);
                var monitor = reader.Monitor();
                if (kind == FrameKind.Down)
                {
                    var reason = reader.Reason();
                    reader.End();
                    router.Down(peer, watcher, target, monitor, reason);
                }
                else
                {
                    reader.End();
                    if (kind == FrameKind.Monitor)
                    {
                        router.Monitor(peer, watcher, target, monitor);
                    }
                    else
                    {
                        router.Demonitor(peer, watcher, target, monitor);
                    }
                }

                return;
            }

            case FrameKind.SpawnRequest:
            {
                var requestId = reader.UInt64();
                var behaviourId = reader.Int32();
                var flags = reader.Byte();
                if ((flags & ~SpawnFlags.All) != 0)
                {
                    ProtocolException.Throw($"a spawn request with unknown options 0x{flags:x2}");
                }

                var hasMonitor = reader.Bool();
                var from = reader.Pid(ends);
                MonitorRef? monitor = hasMonitor ? reader.Monitor() : null;
                var name = reader.String();
                var hasArgs = reader.Bool();
                var request = new SpawnRequest
                {
                    RequestId = requestId,
                    BehaviourId = behaviourId,
                    Link = (flags & SpawnFlags.Link) != 0,
                    AfterInit = (flags & SpawnFlags.AfterInit) != 0,
                    From = from,
                    Monitor = monitor,
                    Name = name,
                    HasArgs = hasArgs,
                    Args = reader.Rest(),
                    Headers = headers,
                };
                router.SpawnRequest(peer, request);
                return;
            }

            case FrameKind.SpawnReply:
            {
                var requestId = reader.UInt64();
                var pid = reader.Pid(ends);
                var error = reader.String();
                reader.End();
                router.SpawnReply(peer, requestId, pid, error);
                return;
            }

            case FrameKind.Peers:
            {
                var count = reader.Int32();
                if (count < 0 || count > MaxPeers || count * 4L > reader.Remaining)
                {
                    ProtocolException.Throw($"a Peers frame listing {count} nodes");
                }

                var nodes = new string[count];
                for (var i = 0; i < count; i++)
                {
                    var node = reader.RequiredString("a node name", NodeNames.MaxLength);
                    if (!NodeNames.IsValid(node))
                    {
                        ProtocolException.Throw("a Peers frame lists an invalid node name");
                    }

                    nodes[i] = node;
                }

                reader.End();
                connection.Peers(peer, nodes);
                return;
            }

            case FrameKind.RpcCall:
            case FrameKind.RpcCast:
            {
                var callRef = reader.UInt64();
                var functionId = reader.Int32();
                var from = reader.Pid(ends);
                router.Rpc(peer, kind == FrameKind.RpcCall, callRef, functionId, from, reader.Rest(), headers);
                return;
            }

            default:
                ProtocolException.Throw($"unexpected frame kind {raw} after the handshake");
                return;
        }
    }

    static bool CarriesHeaders(FrameKind kind) =>
        kind is FrameKind.Send or FrameKind.SendNamed or FrameKind.Call or FrameKind.Cast or FrameKind.RpcCall or FrameKind.RpcCast or FrameKind.SpawnRequest;

    static void DecodeReply(ref FrameReader reader, FramePeers ends, ISignalFrames router, IFrameLease? lease)
    {
        var callRef = reader.UInt64();
        var status = (ReplyStatus)reader.Byte();
        ReplyOutcome outcome;
        switch (status)
        {
            case ReplyStatus.Ok:
                outcome = new ReplyOutcome { Status = status, Payload = reader.Rest() };
                break;
            case ReplyStatus.Exited:
                outcome = new ReplyOutcome { Status = status, Callee = reader.Pid(ends), Reason = reader.Reason() };
                break;
            case ReplyStatus.Unhandled:
                outcome = new ReplyOutcome { Status = status, Callee = reader.Pid(ends), Detail = reader.String() ?? "" };
                break;
            case ReplyStatus.Raised:
                outcome = new ReplyOutcome { Status = status, ExceptionType = reader.String() ?? "", Detail = reader.String() ?? "", StackTrace = reader.String() };
                break;
            case ReplyStatus.Undefined:
                outcome = new ReplyOutcome { Status = status, FunctionId = reader.Int32(), Detail = reader.String() ?? "" };
                break;
            default:
                ProtocolException.Throw($"unknown reply status {(byte)status}");
                return;
        }

        reader.End();
        router.Reply(ends.Remote, callRef, outcome, lease);
    }
}
