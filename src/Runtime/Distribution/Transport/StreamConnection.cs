using System.IO.Pipelines;
using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>A transport connection over a <see cref="Stream"/> (a socket's, or TLS over another connection).</summary>
internal sealed class StreamConnection : TransportConnection, IDuplexPipe
{
    const int ReadBufferSize = 64 * 1024;

    readonly Stream _stream;
    readonly IAsyncDisposable? _inner;
    int _disposed;

    public StreamConnection(Stream stream, EndPoint? remote, IAsyncDisposable? inner = null)
    {
        _stream = stream;
        _inner = inner;
        RemoteEndPoint = remote;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: 4096, leaveOpen: true));

        // Small segments: a large frame borrows pooled memory while it is written and gives it back on flush.
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4096, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public override IDuplexPipe Transport => this;

    public override EndPoint? RemoteEndPoint { get; }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Already broken; closing is all that was left to do.
        }

        if (_inner is not null)
        {
            await _inner.DisposeAsync().ConfigureAwait(SimulationContext.Capture);
        }
    }
}
