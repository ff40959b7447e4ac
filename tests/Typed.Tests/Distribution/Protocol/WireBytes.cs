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
        foreach (var frame in frames)
        {
            Typed.Distribution.Protocol.Frames.Write(pipe.Writer, frame, peers);
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

    /// <summary>A pid written alone, through a frame writer over a pipe.</summary>
    public static byte[] Pid(Pid pid)
    {
        var pipe = new Pipe();
        var writer = new FrameWriter(pipe.Writer);
        writer.Pid(pid, AtoB);
        pipe.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        pipe.Writer.Complete();
        var read = pipe.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        return read.Buffer.ToArray();
    }

    public static Pid ReadPid(byte[] bytes)
    {
        var reader = new FrameReader(new ReadOnlySequence<byte>(bytes));
        return reader.Pid(BfromA);
    }
}
