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
    readonly TimeProvider _time = SimulationContext.Clock;
    ITimer? _drainLimit;
    Exception? _fault;
    int _draining;
    int _running = 2;

    public Link(InMemoryNetwork network, string dialler, string acceptor)
    {
        _network = network;
        Dialler = dialler;
        Acceptor = acceptor;
        var options = Wire.Options(SimulationContext.Ambient);
        _forth = new Wire(dialler, acceptor, options);
        _back = new Wire(acceptor, dialler, options);
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
        _drainLimit = _time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), _closing, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

    async Task PumpAsync(Wire wire)
    {
        var reader = wire.Send.Reader;
        var writer = wire.Receive.Writer;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    await _network.GateAsync(wire.From, wire.To, _closing.Token).ConfigureAwait(SimulationContext.Capture);
                    foreach (var segment in buffer)
                    {
                        writer.Write(segment.Span);
                    }
                }

                reader.AdvanceTo(buffer.End);
                var flushed = await writer.FlushAsync(_closing.Token).ConfigureAwait(SimulationContext.Capture);
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
        _drainLimit?.Dispose();
        var fault = Volatile.Read(ref _fault);
        await writer.CompleteAsync(fault).ConfigureAwait(SimulationContext.Capture);
        await reader.CompleteAsync(fault).ConfigureAwait(SimulationContext.Capture);
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _network.Remove(this);
        }
    }

    sealed class Wire(string from, string to, PipeOptions options)
    {
        static readonly PipeOptions Pooled = new(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false);

        public string From => from;

        public string To => to;

        public Pipe Send { get; } = new(options);

        public Pipe Receive { get; } = new(options);

        /// <summary>The pipes' options: their continuations run on the thread pool, or in the simulation the link was made in.</summary>
        public static PipeOptions Options(SimulationContext? simulation) =>
            simulation is null ? Pooled : Options(new Simulated(simulation));

        static PipeOptions Options(PipeScheduler scheduler) =>
            new(readerScheduler: scheduler, writerScheduler: scheduler, pauseWriterThreshold: Pooled.PauseWriterThreshold, resumeWriterThreshold: Pooled.ResumeWriterThreshold, useSynchronizationContext: false);
    }

    /// <summary>Runs a pipe's continuations as items of the simulation's queue.</summary>
    sealed class Simulated(SimulationContext simulation) : PipeScheduler
    {
        public override void Schedule(Action<object?> action, object? state) =>
            simulation.Post(static s => { var (a, st) = ((Action<object?>, object?))s!; a(st); }, (action, state));
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
