using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Typed.Distribution.Discovery;

/// <summary>Serving one client connection: read one request, answer it, and hold a registration open.</summary>
internal sealed partial class EmbeddedEpmd
{
    async Task ServeAsync(Socket client)
    {
        var remote = client.RemoteEndPoint;
        string? registered = null;
        try
        {
            var body = await ReadRequestAsync(client, remote).ConfigureAwait(SimulationContext.Capture);
            if (body is null)
            {
                return;
            }

            switch (body[0])
            {
                case EpmdProtocol.Alive2Request:
                    registered = await RegisterAsync(client, remote, body).ConfigureAwait(SimulationContext.Capture);
                    if (registered is not null)
                    {
                        await HoldAsync(client, remote, registered).ConfigureAwait(SimulationContext.Capture);
                    }

                    break;

                case EpmdProtocol.PortPlease2Request:
                    if (!EpmdProtocol.TryDecodePortPlease2Request(body, out var name))
                    {
                        DiscoveryLog.ClientRejected(_logger, remote, "malformed PORT_PLEASE2_REQ");
                        return;
                    }

                    EpmdNodeEntry? entry;
                    lock (_gate)
                    {
                        entry = _names.TryGetValue(name, out var holder) ? holder.Entry : null;
                    }

                    await AnswerAndCloseAsync(client, EpmdProtocol.EncodePort2Response(entry)).ConfigureAwait(SimulationContext.Capture);
                    break;

                case EpmdProtocol.NamesRequest when body.Length == 1:
                    var names = Names.OrderBy(n => n.Name, StringComparer.Ordinal);
                    await AnswerAndCloseAsync(client, EpmdProtocol.EncodeNamesResponse(EndPoint.Port, names)).ConfigureAwait(SimulationContext.Capture);
                    break;

                default:
                    DiscoveryLog.ClientRejected(_logger, remote, $"unsupported request (tag {body[0]}, {body.Length} bytes)");
                    break;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            DiscoveryLog.ClientConnectionFailed(_logger, remote, e);
        }
        catch (Exception e)
        {
            // A bug here must not take the mapper, or anyone else's registration, down with it.
            DiscoveryLog.ClientHandlingFailed(_logger, remote, e);
        }
        finally
        {
            if (registered is not null)
            {
                Unregister(registered, client);
            }

            lock (_gate)
            {
                _clients.Remove(client);
                client.Dispose();
                if (--_active == 0 && _stop.IsCancellationRequested)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }

    /// <summary>
    /// Reads one request body (tag first) within the request timeout, or logs why not and returns null.
    /// The length is checked before anything of the body is read.
    /// </summary>
    async Task<byte[]?> ReadRequestAsync(Socket client, EndPoint? remote)
    {
        using var deadline = SimulationContext.CancelAfter(_requestTimeout, _stop.Token);
        try
        {
            var header = new byte[EpmdProtocol.LengthPrefixSize];
            var read = await ReadAsMuchAsync(client, header, deadline.Token).ConfigureAwait(SimulationContext.Capture);
            if (read == 0)
            {
                DiscoveryLog.ClientClosedQuietly(_logger, remote);
                return null;
            }

            if (read < header.Length)
            {
                DiscoveryLog.ClientRejected(_logger, remote, "truncated length prefix");
                return null;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(header);
            if (length is 0 or > EpmdProtocol.MaxRequestLength)
            {
                DiscoveryLog.ClientRejected(_logger, remote, $"request length {length} outside 1..{EpmdProtocol.MaxRequestLength}");
                return null;
            }

            var body = new byte[length];
            read = await ReadAsMuchAsync(client, body, deadline.Token).ConfigureAwait(SimulationContext.Capture);
            if (read < length)
            {
                DiscoveryLog.ClientRejected(_logger, remote, $"truncated request: {read} of {length} bytes");
                return null;
            }

            return body;
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            DiscoveryLog.ClientRejected(_logger, remote, $"no complete request within {_requestTimeout.TotalSeconds:0.###} s");
            return null;
        }
    }

    /// <summary>Registers the node in an ALIVE2_REQ and answers; returns the name when it was registered.</summary>
    async Task<string?> RegisterAsync(Socket client, EndPoint? remote, byte[] body)
    {
        if (!EpmdProtocol.TryDecodeAlive2Request(body, out var entry))
        {
            DiscoveryLog.ClientRejected(_logger, remote, "malformed ALIVE2_REQ");
            return null;
        }

        bool registered;
        uint creation = 0;
        lock (_gate)
        {
            registered = !_stop.IsCancellationRequested && !_names.ContainsKey(entry.Name);
            if (registered)
            {
                creation = unchecked(++_lastCreation);
                if (creation < 4)
                {
                    creation = _lastCreation = 4;
                }

                _names.Add(entry.Name, new Holder(entry, creation, client));
            }
        }

        // Registered before answering: a lookup right after the answer finds the name. If the answer cannot
        // be sent, the caller unregisters it again.
        var response = EpmdProtocol.EncodeAlive2Response(registered, creation, extended: entry.HighestVersion >= 6);
        if (!registered)
        {
            DiscoveryLog.RegistrationRefused(_logger, entry.Name, remote);
            await AnswerAndCloseAsync(client, response).ConfigureAwait(SimulationContext.Capture);
            return null;
        }

        DiscoveryLog.NodeRegistered(_logger, entry.Name, entry.Port, creation, entry.IsHidden);
        try
        {
            await SendAllAsync(client, response, _stop.Token).ConfigureAwait(SimulationContext.Capture);
        }
        catch
        {
            Unregister(entry.Name, client);
            throw;
        }

        return entry.Name;
    }

    /// <summary>Holds a registration until its connection closes; a client that sends more is malformed.</summary>
    async Task HoldAsync(Socket client, EndPoint? remote, string name)
    {
        var scratch = new byte[1];
        if (await client.ReceiveAsync(scratch, SocketFlags.None, _stop.Token).ConfigureAwait(SimulationContext.Capture) > 0)
        {
            DiscoveryLog.ClientRejected(_logger, remote, $"bytes after the registration of '{name}'; unregistering it");
        }
    }

    void Unregister(string name, Socket client)
    {
        lock (_gate)
        {
            // Only the connection that holds the name may drop it.
            if (!_names.TryGetValue(name, out var holder) || holder.Connection != client)
            {
                return;
            }

            _names.Remove(name);
        }

        DiscoveryLog.NodeUnregistered(_logger, name);
    }

    async Task AnswerAndCloseAsync(Socket client, byte[] response)
    {
        await SendAllAsync(client, response, _stop.Token).ConfigureAwait(SimulationContext.Capture);

        // FIN after the answer: the client reads to the end of the stream.
        client.Shutdown(SocketShutdown.Send);
    }

    static async Task SendAllAsync(Socket socket, byte[] bytes, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, cancellationToken).ConfigureAwait(SimulationContext.Capture);
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the client closes; returns how much was read.</summary>
    static async Task<int> ReadAsMuchAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer[total..], SocketFlags.None, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
