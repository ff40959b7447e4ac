using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Typed.Benchmarks.Harness;

namespace Typed.Benchmarks.Frameworks;

/// <summary>
/// The machine's floor, taken in the same run: plain blocking sockets between two OS processes on
/// 127.0.0.1, Nagle off, 16-byte frames, one send() per frame. Ping-pong: the client writes a frame and
/// waits for the echo. Stream: the client writes frames back to back, then a count request (frame whose
/// first int is -1) that the server answers with the number of frames it has read.
/// </summary>
internal static class TcpCalibration
{
    const int Frame = 16;

    public static async Task ServeAsync(int port, Func<Task> untilDone)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(8);
        var accepting = new Thread(() =>
        {
            while (true)
            {
                Socket s;
                try
                {
                    s = listener.Accept();
                }
                catch (SocketException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                new Thread(() => Serve(s)) { IsBackground = true }.Start();
            }
        })
        { IsBackground = true };
        accepting.Start();
        Console.WriteLine(SelfProcess.Ready);
        await untilDone();
    }

    static void Serve(Socket s)
    {
        using var _ = s;
        s.NoDelay = true;
        var frame = new byte[Frame];
        long frames = 0;
        try
        {
            while (ReadFrame(s, frame))
            {
                switch (frame[0])
                {
                    case (byte)'P':                 // ping: echo it
                        s.Send(frame);
                        break;
                    case (byte)'C':                 // count request
                        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(8), frames);
                        s.Send(frame);
                        break;
                    default:                        // stream frame
                        frames++;
                        break;
                }
            }
        }
        catch (SocketException)
        {
            // The client went away.
        }
    }

    static bool ReadFrame(Socket s, byte[] frame)
    {
        var got = 0;
        while (got < Frame)
        {
            var n = s.Receive(frame, got, Frame - got, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            got += n;
        }

        return true;
    }

    /// <summary>Runs both calibrations against the server on <paramref name="port"/> (blocking, on this thread).</summary>
    public static void Run(int port, Settings settings)
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        s.ReceiveTimeout = (int)settings.WaitLimit.TotalMilliseconds;
        s.SendTimeout = (int)settings.WaitLimit.TotalMilliseconds;
        s.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var frame = new byte[Frame];

        // Ping-pong.
        frame[0] = (byte)'P';
        var calls = settings.TcpRoundTrips;
        var warm = Stopwatch.StartNew();
        do
        {
            for (var i = 0; i < 1000; i++)
            {
                PingPong(s, frame);
            }
        }
        while (warm.Elapsed < settings.WarmUp);

        var rates = new List<double>();
        var medians = new List<double>();
        var p99s = new List<double>();
        var latencies = new double[calls];
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var total = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                var t = Stopwatch.GetTimestamp();
                PingPong(s, frame);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            }

            rates.Add(calls / total.Elapsed.TotalSeconds);
            Array.Sort(latencies);
            medians.Add(Stats.Percentile(latencies, 0.5));
            p99s.Add(Stats.Percentile(latencies, 0.99));
        }

        Drivers.Report(Metric.TcpPingPongRate, rates);
        Drivers.Report(Metric.TcpPingPongP50, medians);
        Drivers.Report(Metric.TcpPingPongP99, p99s);

        // One-way stream.
        long sent = 0;
        warm.Restart();
        do
        {
            sent = Stream(s, frame, 10_000, sent);
        }
        while (warm.Elapsed < settings.WarmUp);

        var streamRates = new List<double>();
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var sw = Stopwatch.StartNew();
            sent = Stream(s, frame, settings.TcpFrames, sent);
            streamRates.Add(settings.TcpFrames / sw.Elapsed.TotalSeconds);
        }

        Drivers.Report(Metric.TcpStream, streamRates);
    }

    static void PingPong(Socket s, byte[] frame)
    {
        s.Send(frame);
        if (!ReadFrame(s, frame))
        {
            throw new IOException("the server closed the connection");
        }
    }

    static long Stream(Socket s, byte[] frame, int count, long sent)
    {
        frame[0] = (byte)'S';
        for (var i = 0; i < count; i++)
        {
            s.Send(frame);
        }

        frame[0] = (byte)'C';
        s.Send(frame);
        if (!ReadFrame(s, frame))
        {
            throw new IOException("the server closed the connection");
        }

        var counted = BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(8));
        sent += count;
        if (counted != sent)
        {
            throw new InvalidOperationException($"the server counted {counted} frames, {sent} were sent");
        }

        return sent;
    }
}
