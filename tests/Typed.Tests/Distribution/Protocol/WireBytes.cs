using System.Buffers;
using System.IO.Pipelines;
using Typed.Distribution.Protocol;

namespace Typed.Tests.Distribution.Protocol;

/// <summary>Writes frames the way a connection does (straight into a pipe) and hands back the bytes.</summary>
internal static class WireBytes
{
    public static readonly FramePeers AtoB = new("a@127.0.0.1", "b@127.0.0.1", Headers: true);
    public static readonly FramePeers BfromA = new("b@127.0.0.1", "a@127.0.0.1", Headers: true);

    /// <summary>The frames, header and body each, back to back.</summary>
    public static byte[] Frames(params OutFrame[] frames) => Frames(AtoB, frames);

    public static byte[] Frames(FramePeers peers, params OutFrame[] frames)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        using var buffer = new FrameBuffer();
        uint next = 0;
        foreach (var frame in frames)
        {
            // A large frame goes out in pieces, one after the other (a connection puts others between them).
            var stream = Typed.Distribution.Protocol.Frames.Write(pipe.Writer, frame, peers, buffer, int.MaxValue, next++, out _);
            while (stream is { Done: false })
            {
                stream.WriteNext(pipe.Writer);
            }
        }

        pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        pipe.Writer.Complete();
        var read = pipe.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        var bytes = read.Buffer.ToArray();
        pipe.Reader.AdvanceTo(read.Buffer.End);
        pipe.Reader.Complete();
        return bytes;
    }

    /// <summary>The body of the one frame in <paramref name="wire"/>.</summary>
    public static ReadOnlySequence<byte> Body(byte[] wire)
    {
        var buffer = new ReadOnlySequence<byte>(wire);
        Assert.True(Typed.Distribution.Protocol.Frames.TryRead(ref buffer, 1 << 26, out var body));
        Assert.Equal(0, buffer.Length);
        return body;
    }

    /// <summary>A pid written alone, through a frame writer.</summary>
    public static byte[] Pid(Pid pid)
    {
        using var buffer = new FrameBuffer();
        buffer.Begin(int.MaxValue);
        var writer = new FrameWriter(buffer);
        writer.Pid(pid, AtoB);
        var pipe = new ArrayBufferWriter<byte>();
        buffer.CopyTo(pipe);
        return pipe.WrittenSpan.ToArray();
    }

    public static Pid ReadPid(byte[] bytes)
    {
        var reader = new FrameReader(new ReadOnlySequence<byte>(bytes));
        return reader.Pid(BfromA);
    }
}
