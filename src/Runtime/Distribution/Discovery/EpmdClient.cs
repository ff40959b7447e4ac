using System.Net;
using System.Net.Sockets;

namespace Typed.Distribution.Discovery;

/// <summary>
/// Talks to one port mapper (Erlang's <c>epmd</c> or an <see cref="EmbeddedEpmd"/>): one TCP connection per
/// request, as Erlang's <c>erl_epmd</c> does. Every request is bounded by <see cref="Timeout"/> and the
/// caller's token; failures are <see cref="EpmdException"/>s that say which <see cref="EpmdFailure"/> it was,
/// cancellation by the caller is an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class EpmdClient
{
    /// <summary>How long a request may take, connect included, when not told otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The most a PORT2 or NAMES answer may hold; a mapper sending more is not a mapper.</summary>
    const int MaxResponseBytes = 1 << 20;

    public EpmdClient(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        EndPoint = new IPEndPoint(address, port);
    }

    /// <summary>Where the mapper listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>How long one request may take, connect included.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Registers <paramref name="shortName"/> as listening on <paramref name="listenPort"/> (ALIVE2_REQ). The
    /// name stays registered while the returned registration is alive; disposing it unregisters the name.
    /// </summary>
    /// <exception cref="EpmdException">No mapper answered, the name is taken (<see cref="EpmdFailure.NameTaken"/>),
    /// or the answer was late or malformed.</exception>
    public Task<EpmdRegistration> RegisterAsync(string shortName, int listenPort, bool hidden, CancellationToken cancellationToken)
    {
        EpmdProtocol.ValidateName(shortName, nameof(shortName));
        ArgumentOutOfRangeException.ThrowIfLessThan(listenPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listenPort, ushort.MaxValue);
        var request = EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped(shortName, listenPort, hidden));
        return ExchangeAsync(
            request,
            keepOpen: true,
            async (socket, ct) =>
            {
                var response = new byte[6];
                if (!await ReadExactlyAsync(socket, response.AsMemory(0, 1), ct).ConfigureAwait(SimulationContext.Capture))
                {
                    throw Fail(EpmdFailure.BadResponse, "closed the connection without answering ALIVE2_REQ");
                }

                var size = EpmdProtocol.Alive2ResponseSize(response[0]);
                if (size == 0)
                {
                    throw Fail(EpmdFailure.BadResponse, $"answered ALIVE2_REQ with tag {response[0]}");
                }

                if (!await ReadExactlyAsync(socket, response.AsMemory(1, size - 1), ct).ConfigureAwait(SimulationContext.Capture)
                    || !EpmdProtocol.TryDecodeAlive2Response(response.AsSpan(0, size), out var ok, out var creation))
                {
                    throw Fail(EpmdFailure.BadResponse, "sent a truncated ALIVE2 answer");
                }

                if (!ok)
                {
                    throw Fail(EpmdFailure.NameTaken, $"refused to register '{shortName}': the name is already registered");
                }

                return new EpmdRegistration(socket, EndPoint, shortName, listenPort, creation);
            },
            cancellationToken);
    }

    /// <summary>The port <paramref name="shortName"/> listens on (PORT_PLEASE2_REQ), or null when it is not registered.</summary>
    /// <exception cref="EpmdException">No mapper answered, or the answer was late or malformed.</exception>
    public async Task<int?> PortOfAsync(string shortName, CancellationToken cancellationToken) =>
        (await EntryOfAsync(shortName, cancellationToken).ConfigureAwait(SimulationContext.Capture))?.Port;

    /// <summary>Everything the mapper knows of <paramref name="shortName"/>, or null when it is not registered.</summary>
    /// <exception cref="EpmdException">No mapper answered, or the answer was late or malformed.</exception>
    public Task<EpmdNodeEntry?> EntryOfAsync(string shortName, CancellationToken cancellationToken)
    {
        EpmdProtocol.ValidateName(shortName, nameof(shortName));
        return ExchangeAsync(
            EpmdProtocol.EncodePortPlease2Request(shortName),
            keepOpen: false,
            async (socket, ct) =>
            {
                var response = await ReadToEndAsync(socket, ct).ConfigureAwait(SimulationContext.Capture);
                return EpmdProtocol.TryDecodePort2Response(response, out var entry)
                    ? entry
                    : throw Fail(EpmdFailure.BadResponse, $"sent a malformed PORT2 answer ({response.Length} bytes)");
            },
            cancellationToken);
    }

    /// <summary>The names registered with the mapper and their ports (NAMES_REQ).</summary>
    /// <exception cref="EpmdException">No mapper answered, or the answer was late or malformed.</exception>
    public Task<IReadOnlyList<(string Name, int Port)>> NamesAsync(CancellationToken cancellationToken) =>
        ExchangeAsync<IReadOnlyList<(string Name, int Port)>>(
            EpmdProtocol.EncodeNamesRequest(),
            keepOpen: false,
            async (socket, ct) =>
            {
                var response = await ReadToEndAsync(socket, ct).ConfigureAwait(SimulationContext.Capture);
                return EpmdProtocol.TryDecodeNamesResponse(response, out var names)
                    ? names
                    : throw Fail(EpmdFailure.BadResponse, $"sent a malformed NAMES answer ({response.Length} bytes)");
            },
            cancellationToken);

    /// <summary>Connects, sends <paramref name="request"/> and reads the answer, all within <see cref="Timeout"/>.</summary>
    async Task<T> ExchangeAsync<T>(
        byte[] request,
        bool keepOpen,
        Func<Socket, CancellationToken, Task<T>> readAnswer,
        CancellationToken cancellationToken)
    {
        using var deadline = SimulationContext.CancelAfter(Timeout, cancellationToken);
        var socket = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try
            {
                await socket.ConnectAsync(EndPoint, deadline.Token).ConfigureAwait(SimulationContext.Capture);
            }
            catch (SocketException e)
            {
                throw Fail(EpmdFailure.Unreachable, $"cannot connect ({e.SocketErrorCode})", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Fail(EpmdFailure.Unreachable, $"no connection within {Timeout.TotalSeconds:0.###} s", e);
            }

            var sent = 0;
            while (sent < request.Length)
            {
                sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, deadline.Token).ConfigureAwait(SimulationContext.Capture);
            }

            var answer = await readAnswer(socket, deadline.Token).ConfigureAwait(SimulationContext.Capture);
            if (!keepOpen)
            {
                socket.Dispose();
            }

            return answer;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw Fail(EpmdFailure.Timeout, $"no answer within {Timeout.TotalSeconds:0.###} s", e);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            socket.Dispose();
            throw Fail(EpmdFailure.BadResponse, "the connection failed before the answer was complete", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    EpmdException Fail(EpmdFailure failure, string message, Exception? inner = null) => new(failure, EndPoint, message, inner);

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed first.</summary>
    internal static async ValueTask<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }

    /// <summary>Reads until the mapper closes, as it does after a PORT2 or NAMES answer.</summary>
    async ValueTask<byte[]> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[512];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxResponseBytes)
                {
                    throw Fail(EpmdFailure.BadResponse, $"sent more than {MaxResponseBytes} bytes");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(SimulationContext.Capture);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }
    }
}
