// Small-call latency while a large message is in flight on the same connection (head-of-line blocking).
//
// Two nodes in this process over TCP on 127.0.0.1. A pinger process on node a makes sequential calls
// to a target on node b and times each; first on an idle connection (baseline), then while the test
// thread keeps one large message (60 MiB by default) in flight at all times to a sink, another process
// on node b: the same connection, so what is measured is how long a large message holds up the small
// frames beside it (a process's own mailbox order is not at stake: a call queued behind a large
// message in the same process waits for that message to be decoded and handled, as in Erlang).
//
//   dotnet run --project benchmarks/Typed.LargeMessageLatency -c Release -- [MiB] [seconds]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Typed;

var mebibytes = args.Length > 0 ? int.Parse(args[0]) : 60;
var seconds = args.Length > 1 ? int.Parse(args[1]) : 20;

var (portA, portB) = (FreePort(), FreePort());
await using var a = await Node.StartAsync(Options("a@127.0.0.1", portA, portB));
await using var b = await Node.StartAsync(Options("b@127.0.0.1", portB, portA));
var target = a.Ref<Target>(b.Spawn<Target>().Pid).WithTimeout(TimeSpan.FromSeconds(120));
var sink = a.Ref<Target>(b.Spawn<Target>().Pid).WithTimeout(TimeSpan.FromSeconds(120));
Pinger.TargetRef = target;
var pinger = a.Spawn<Pinger>().WithTimeout(TimeSpan.FromSeconds(seconds * 3 + 60));

await pinger.Measure(2_000, 5); // warm-up
var idle = await pinger.Measure(20_000, seconds / 2);
Report("idle connection", idle);

var big = new byte[mebibytes << 20];
new Random(1).NextBytes(big);
using var stop = new CancellationTokenSource();
long sent = 0;
var clock = Stopwatch.StartNew();
var load = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        if (await sink.Take(big) != big.Length)
        {
            throw new InvalidOperationException("the large message arrived changed");
        }

        sent++;
    }
});

var loaded = await pinger.Measure(20_000, seconds);
stop.Cancel();
await load;
Report($"{mebibytes} MiB message always in flight", loaded);
Console.WriteLine($"large messages delivered: {sent} in {clock.Elapsed.TotalSeconds:0.0} s ({sent * mebibytes / clock.Elapsed.TotalSeconds:0} MiB/s)");

static void Report(string what, double[] micros)
{
    Array.Sort(micros);
    double At(double q) => micros[Math.Min(micros.Length - 1, (int)(q * micros.Length))];
    Console.WriteLine($"{what}: {micros.Length} calls, median {At(0.5) / 1000:0.000} ms, p90 {At(0.9) / 1000:0.000} ms, p99 {At(0.99) / 1000:0.000} ms, max {micros[^1] / 1000:0.000} ms; {GC.CollectionCount(2)} gen2 GCs so far, GC paused {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms in all");
}

static NodeOptions Options(string name, int port, int peerPort)
{
    var options = new NodeOptions { Name = name, Cookie = "latency" };
    options.Distribution.ListenPort = port;
    options.Distribution.UsePortMapper = false;
    options.Distribution.StaticAddresses["a@127.0.0.1"] = new IPEndPoint(IPAddress.Loopback, name == "a@127.0.0.1" ? port : peerPort);
    options.Distribution.StaticAddresses["b@127.0.0.1"] = new IPEndPoint(IPAddress.Loopback, name == "b@127.0.0.1" ? port : peerPort);
    return options;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>The remote end: the target answers pings, the sink takes large messages.</summary>
[Process]
public partial class Target
{
    [Call]
    public int Ping() => 1;

    [Call]
    public int Take(byte[] data) => data.Length;
}

/// <summary>Makes the timed calls from a process of its own, so they are a different sender from the large messages.</summary>
[Process]
public partial class Pinger
{
    public static ProcessRef<Target> TargetRef { get; set; }

    /// <summary>Up to <paramref name="count"/> sequential pings, for at most <paramref name="seconds"/>; each one's time in microseconds.</summary>
    [Call]
    public async Task<double[]> Measure(int count, int seconds)
    {
        var times = new List<double>(count);
        var until = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        while (times.Count < count && Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            await TargetRef.Ping();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        return [.. times];
    }
}
