// The scale model (issue 14): N nodes of one full mesh in this process, on the in-memory network of
// Typed.Testing, measured for the time and memory to mesh, global name registration and the tick
// traffic of an idle cluster. Usage: dotnet run -c Release -- [N ...] [--tick-ms T] [--idle-s S] [--simulate]
// With --simulate each size runs in a deterministic Simulation (seed N): times are simulated time (the
// protocol's waits: backoffs, ticks, and with --latency-ms L a one-way latency of L on every link), and
// a last column gives the real time the one thread took.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Typed;
using Typed.Diagnostics;
using Microsoft.Extensions.Logging;
using Typed.Scheduling;
using Typed.Testing;

var sizes = new List<int>();
var tick = TimeSpan.FromSeconds(8);
var idle = TimeSpan.FromSeconds(8);
var simulate = false;
var latency = TimeSpan.Zero;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--tick-ms":
            tick = TimeSpan.FromMilliseconds(int.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--latency-ms":
            latency = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture));
            break;
        case "--simulate":
            simulate = true;
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

Console.WriteLine($"Typed scale model, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, tick time {tick.TotalSeconds:0.#} s, idle window {idle.TotalSeconds:0} s{(simulate ? ", simulated" : "")}{(latency > TimeSpan.Zero ? $", {latency.TotalMilliseconds} ms one-way latency" : "")}");
var rows = new List<string>();
foreach (var n in sizes)
{
    if (simulate)
    {
        var row = "";
        var run = await Simulation.RunAsync(n, async _ => row = await MeasureAsync(n), limit: TimeSpan.FromHours(4), maxSteps: long.MaxValue);
        rows.Add($"{row} {Ms(run.Wall)}, {run.Steps:N0} steps |");
    }
    else
    {
        rows.Add(await MeasureAsync(n));
    }
}

Console.WriteLine();
Console.WriteLine($"| nodes | connections | start | mesh (all connect to node 1) | memory per node / per connection | global register: call / seen everywhere (median of 5) | idle traffic per node | stop |{(simulate ? " real time of the run |" : "")}");
Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|{(simulate ? "---:|" : "")}");
rows.ForEach(Console.WriteLine);
return 0;

async Task<string> MeasureAsync(int n)
{
    var before = Memory();
    var events = new EventCounter();
    using var logging = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(events).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
    var clock = new Elapsed();
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
    var started = clock.Value;
    if (latency > TimeSpan.Zero)
    {
        foreach (var from in cluster.Nodes)
        {
            foreach (var to in cluster.Nodes.Where(to => to != from))
            {
                cluster.SetLatency(from, to, latency);
            }
        }
    }

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
            await Task.Delay(TimeSpan.FromMilliseconds((Simulation.Current?.Random ?? Random.Shared).Next(10, 50)), SimulationContext.Clock);
        }
    }));
    var links = 0L;
    var report = new Elapsed();
    await cluster.WaitUntilAsync(
        () =>
        {
            links = cluster.Nodes.Sum(node => (long)node.Nodes.Count);
            if (report.Value > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  {n} nodes: {links / 2:N0} of {n * (n - 1) / 2:N0} connections after {Ms(clock.Value)}; log events: {events.Summary()}");
                report.Restart();
            }

            return links == (long)n * (n - 1);
        },
        "the full mesh");
    var meshed = clock.Value;
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

        calls.Add(clock.Value.TotalMilliseconds);
        await cluster.WaitForGlobalNameAsync($"name{i}");
        seen.Add(clock.Value.TotalMilliseconds);
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
        await Task.Delay(idle, SimulationContext.Clock);
    }

    var perNodeBytes = bytes / idle.TotalSeconds / n;
    var perNodeFrames = frames / idle.TotalSeconds / n;

    clock.Restart();
    await cluster.DisposeAsync();
    var stopped = clock.Value;

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

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString(t < TimeSpan.FromSeconds(1) ? "N1" : "N0", CultureInfo.InvariantCulture) + " ms";

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

/// <summary>Time since it was made or restarted, on the clock in use: the system's, or a simulation's.</summary>
sealed class Elapsed
{
    readonly TimeProvider _clock = SimulationContext.Clock;
    long _start;

    public Elapsed() => _start = _clock.GetTimestamp();

    public TimeSpan Value => _clock.GetElapsedTime(_start);

    public void Restart() => _start = _clock.GetTimestamp();
}
