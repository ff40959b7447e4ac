// The scale model (issue 14): N nodes of one full mesh in this process, on the in-memory network of
// Typed.Testing, measured for the time and memory to mesh, global name registration and the tick
// traffic of an idle cluster. Usage: dotnet run -c Release -- [N ...] [--tick-ms T] [--idle-s S]
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Typed;
using Typed.Diagnostics;
using Microsoft.Extensions.Logging;
using Typed.Testing;

var sizes = new List<int>();
var tick = TimeSpan.FromSeconds(8);
var idle = TimeSpan.FromSeconds(8);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tick-ms":
            tick = TimeSpan.FromMilliseconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--idle-s":
            idle = TimeSpan.FromSeconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        default:
            sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            break;
    }
}

if (sizes.Count == 0)
{
    sizes.AddRange([50, 100, 200]);
}

Console.WriteLine($"Typed scale model, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, tick time {tick.TotalSeconds:0.#} s, idle window {idle.TotalSeconds:0} s");
var rows = new List<string>();
foreach (var n in sizes)
{
    rows.Add(await MeasureAsync(n));
}

Console.WriteLine();
Console.WriteLine("| nodes | connections | start | mesh (all connect to node 1) | memory per node / per connection | global register: call / seen everywhere (median of 5) | idle traffic per node | stop |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
rows.ForEach(Console.WriteLine);
return 0;

async Task<string> MeasureAsync(int n)
{
    var before = Memory();
    var events = new EventCounter();
    using var logging = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(events).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
    var clock = Stopwatch.StartNew();
    await using var cluster = await TestCluster.StartAsync(new TestClusterOptions
    {
        Nodes = n,
        Connect = false,
        Timeout = TimeSpan.FromMinutes(10),
        ConfigureNode = (_, o) =>
        {
            o.Distribution.TickTime = tick;
            o.LoggerFactory = logging;
        },
    });
    var started = clock.Elapsed;

    // Every node connects to node 1; the mesh (Peers frames) does the rest, as in Erlang.
    clock.Restart();
    var first = cluster[0];
    // A node admits 64 handshakes at once (DistributionOptions.MaxPendingHandshakes) and refuses the
    // rest: a refused node tries again shortly, as an application would.
    var retries = 0;
    await Task.WhenAll(cluster.Nodes.Skip(1).Select(async node =>
    {
        while (!await node.ConnectAsync(first.Name))
        {
            Interlocked.Increment(ref retries);
            await Task.Delay(Random.Shared.Next(10, 50));
        }
    }));
    var links = 0L;
    var report = Stopwatch.StartNew();
    await cluster.WaitUntilAsync(
        () =>
        {
            links = cluster.Nodes.Sum(node => (long)node.Nodes.Count);
            if (report.Elapsed > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  {n} nodes: {links / 2:N0} of {n * (n - 1) / 2:N0} connections after {Ms(clock.Elapsed)}; log events: {events.Summary()}");
                report.Restart();
            }

            return links == (long)n * (n - 1);
        },
        "the full mesh");
    var meshed = clock.Elapsed;
    var connections = n * (n - 1) / 2;
    var memory = Memory() - before;

    // Global names: each registration takes the name's lock on every node.
    var calls = new List<double>();
    var seen = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        var owner = cluster[(i * 7 + n / 2) % n];
        var pid = owner.Spawn<Idle>().Pid;
        clock.Restart();
        if (!await owner.Global.RegisterAsync($"name{i}", pid))
        {
            throw new InvalidOperationException($"name{i} was not registered");
        }

        calls.Add(clock.Elapsed.TotalMilliseconds);
        await cluster.WaitForGlobalNameAsync($"name{i}");
        seen.Add(clock.Elapsed.TotalMilliseconds);
    }

    // Idle traffic: what the distribution writes while nothing happens (ticks, and whatever else).
    long bytes = 0, frames = 0;
    using (var listener = new MeterListener())
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TypedTelemetry.MeterName && instrument.Name is "typed.distribution.sent.bytes" or "typed.distribution.sent.frames")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "typed.distribution.sent.bytes")
            {
                Interlocked.Add(ref bytes, value);
            }
            else
            {
                Interlocked.Add(ref frames, value);
            }
        });
        listener.Start();
        await Task.Delay(idle);
    }

    var perNodeBytes = bytes / idle.TotalSeconds / n;
    var perNodeFrames = frames / idle.TotalSeconds / n;

    clock.Restart();
    await cluster.DisposeAsync();
    var stopped = clock.Elapsed;

    var row = $"| {n} | {connections:N0} | {Ms(started)} | {Ms(meshed)} ({retries} refused and tried again) | {Mib(memory / n)} / {Kib(memory / connections)} | {Median(calls):0.0} ms / {Median(seen):0.0} ms | {perNodeBytes:N0} B/s, {perNodeFrames:0.0} frames/s | {Ms(stopped)} |";
    Console.WriteLine(row);
    return row;
}

static long Memory()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

static string Mib(long bytes) => (bytes / 1048576.0).ToString("0.00", CultureInfo.InvariantCulture) + " MiB";

static string Kib(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

/// <summary>A process that does nothing: the owner of the global names.</summary>
[Process]
public partial class Idle
{
    [Call]
    public int Ping() => 1;
}

/// <summary>Counts the distribution's log events by name and keeps a few of their messages: why a mesh stalls.</summary>
internal sealed class EventCounter : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();
    readonly System.Collections.Concurrent.ConcurrentQueue<string> _samples = new();

    public string Summary() =>
        string.Join(", ", _counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")) + Environment.NewLine + "    " + string.Join(Environment.NewLine + "    ", _samples.Take(12));

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

    public void Dispose()
    {
    }

    IDisposable? Microsoft.Extensions.Logging.ILogger.BeginScope<TState>(TState state) => null;

    bool Microsoft.Extensions.Logging.ILogger.IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Debug;

    void Microsoft.Extensions.Logging.ILogger.Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var name = eventId.Name ?? eventId.Id.ToString(CultureInfo.InvariantCulture);
        if (_counts.AddOrUpdate(name, 1, (_, c) => c + 1) <= 3 && name is "ConnectFailed" or "HandshakeEnded" or "HandshakeFailed")
        {
            _samples.Enqueue($"{name}: {formatter(state, exception)}");
        }
    }
}
