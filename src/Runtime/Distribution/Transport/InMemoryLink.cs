using System.Buffers;
using System.IO.Pipelines;
using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>One in-memory connection: two one-way wires and the two ends the nodes hold.</summary>
internal sealed class Link
{
    readonly InMemoryNetwork _network;
    readonly Wire _forth;
    readonly Wire _back;
    readonly CancellationTokenSource _closing = new();
    Exception? _fault;
    int _draining;
    int _running = 2;

    public Link(InMemoryNetwork network, string dialler, string acceptor)
    {
        _network = network;
        Dialler = dialler;
        Acceptor = acceptor;
        _forth = new Wire(dialler, acceptor);
        _back = new Wire(acceptor, dialler);
        DiallerEnd = new End(this, _back.Receive.Reader, _forth.Send.Writer, new InMemoryEndPoint(acceptor));
        AcceptorEnd = new End(this, _forth.Receive.Reader, _back.Send.Writer, new InMemoryEndPoint(dialler));
    }

    public string Dialler { get; }

    public string Acceptor { get; }

    public TransportConnection DiallerEnd { get; }

    public TransportConnection AcceptorEnd { get; }

    public void Start()
    {
        _ = PumpAsync(_forth);
        _ = PumpAsync(_back);
    }

    /// <summary>Fails both ends at once, as a reset socket does: bytes in flight are lost.</summary>
    public void Reset()
    {
        Interlocked.CompareExchange(ref _fault, new IOException("connection reset by the in-memory network"), null);
        _closing.Cancel();
    }

    /// <summary>
    /// Closes both wires as closing a socket does: what was already written is still delivered, then
    /// each end reads the end of the stream (within a second; a held wire is dropped).
    /// </summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _draining, 1) != 0)
        {
            return;
        }

        _forth.Send.Reader.CancelPendingRead();
        _back.Send.Reader.CancelPendingRead();
        _closing.CancelAfter(TimeSpan.FromSeconds(1));
    }

    async Task PumpAsync(Wire wire)
    {
        var reader = wire.Send.Reader;
        var writer = wire.Receive.Writer;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    await _network.GateAsync(wire.From, wire.To, _closing.Token).ConfigureAwait(false);
                    foreach (var segment in buffer)
                    {
                        writer.Write(segment.Span);
                    }
                }

                reader.AdvanceTo(buffer.End);
                var flushed = await writer.FlushAsync(_closing.Token).ConfigureAwait(false);
                if (result.IsCompleted || flushed.IsCompleted || Volatile.Read(ref _draining) != 0)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closed or reset.
        }

        // Whichever side ended first, the whole connection ends: a half-open in-memory link helps nobody.
        _closing.Cancel();
        var fault = Volatile.Read(ref _fault);
        await writer.CompleteAsync(fault).ConfigureAwait(false);
        await reader.CompleteAsync(fault).ConfigureAwait(false);
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _network.Remove(this);
        }
    }

    sealed class Wire(string from, string to)
    {
        static readonly PipeOptions Options = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

        public string From => from;

        public string To => to;

        public Pipe Send { get; } = new(Options);

        public Pipe Receive { get; } = new(Options);
    }

    sealed class End(Link link, PipeReader input, PipeWriter output, EndPoint remote) : TransportConnection, IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;

        public override IDuplexPipe Transport => this;

        public override EndPoint? RemoteEndPoint => remote;

        public override ValueTask DisposeAsync()
        {
            link.Close();
            return default;
        }
    }
}
