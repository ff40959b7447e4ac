using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Typed.TestNode.Shared;

namespace Typed.LoadProbe;

/// <summary>
/// The sending side: a node in this process (which runs the port mapper, on a free loopback port) and
/// receivers in child processes. Each scenario adds rows to the table; one that fails says so in its row
/// and the others still run. Every wait has a deadline; every child is killed on the way out.
/// </summary>
internal static partial class Probe
{
    const string Command = "dotnet run --project benchmarks/Typed.LoadProbe -c Release --";

    public static async Task<int> RunAsync(ProbeSettings settings)
    {
        var capture = new LogCapture();
        var progress = new LoadProgress();
        var options = new NodeOptions
        {
            Name = "probe@127.0.0.1",
            Cookie = Guid.NewGuid().ToString("N"),
            Services = new ServiceCollection()
                .AddLogging(b => b.ClearProviders().AddProvider(capture).SetMinimumLevel(LogLevel.Information))
                .AddSingleton(progress)
                .BuildServiceProvider(),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        options.Distribution.PortMapperPort = FreeLoopbackPort();
        options.Distribution.TickTime = ProbeSettings.TickTime;
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);

        var clock = Stopwatch.StartNew();
        var rows = new List<Row>();
        Console.WriteLine($"Typed load probe, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, 1-min load {LoadAverage()}{(settings.Scale > 1 ? $", counts / {settings.Scale} (--quick: figures meaningless)" : "")}");
        await using var node = await Node.StartAsync(options);
        var context = new Context(settings, node, options, capture, progress);
        using var receiver = await ReceiverProcess.StartAsync("recv@127.0.0.1", options.Cookie, options.Distribution.PortMapperPort, ProbeSettings.TickTime);
        context.Receiver = receiver;
        if (!await node.ConnectAsync(receiver.Name, Within(TimeSpan.FromSeconds(10))))
        {
            await Console.Error.WriteLineAsync("could not connect to the receiver");
            return 1;
        }

        var downs = new List<string>();
        using var _ = node.MonitorNodes(null, down =>
        {
            lock (downs)
            {
                downs.Add($"{down.Node}: {down.Reason}");
            }
        });
        context.NodeDowns = downs;

        foreach (var (letter, scenario) in (IEnumerable<(char, Func<Context, Task<IEnumerable<Row>>>)>)[
            ('a', ThroughputAsync), ('b', FrozenReceiverAsync), ('c', BeforeConnectAsync),
            ('d', RestartAsync), ('e', LargeAsync), ('f', CallsAsync)])
        {
            if (!settings.Runs(letter))
            {
                continue;
            }

            Console.Error.WriteLine($"-- scenario {letter} ({clock.Elapsed.TotalSeconds:F0} s)");
            capture.Reset();
            try
            {
                foreach (var row in await scenario(context))
                {
                    rows.Add(row);
                    Console.Error.WriteLine($"   {row.Scenario}: {row.Result}");
                }
            }
            catch (Exception ex)
            {
                rows.Add(new Row(letter + ". (failed)", $"FAILED: {ex.GetType().Name}: {ex.Message}", $"{Command} --only {letter}"));
                Console.Error.WriteLine(ex);
            }
        }

        Console.WriteLine($"run took {clock.Elapsed.TotalSeconds:F0} s; 1-min load at the end {LoadAverage()}");
        Console.WriteLine();
        Figures.Print(rows, Console.Out);
        return rows.Any(r => r.Result.StartsWith("FAILED", StringComparison.Ordinal)) ? 1 : 0;
    }

    /// <summary>What every scenario works with.</summary>
    internal sealed class Context(ProbeSettings settings, Node node, NodeOptions options, LogCapture capture, LoadProgress progress)
    {
        public ProbeSettings Settings => settings;

        public Node Node => node;

        public NodeOptions Options => options;

        public LogCapture Capture => capture;

        public LoadProgress Progress => progress;

        public ReceiverProcess Receiver { get; set; } = null!;

        public List<string> NodeDowns { get; set; } = [];

        public int NodeDownCount
        {
            get
            {
                lock (NodeDowns)
                {
                    return NodeDowns.Count;
                }
            }
        }

        public ProcessRef<LoadSink> Sink => node.At<LoadSink>("load", Receiver.Name).WithTimeout(TimeSpan.FromSeconds(60));

        /// <summary>A second sink on the receiver for large messages, so small calls to <see cref="Sink"/> do not queue behind them in one mailbox.</summary>
        public ProcessRef<LoadSink> Bulk => node.At<LoadSink>("bulk", Receiver.Name).WithTimeout(TimeSpan.FromSeconds(60));

        public Task<ReceiverProcess> StartReceiverAsync(string name) =>
            ReceiverProcess.StartAsync(name, options.Cookie!, options.Distribution.PortMapperPort, ProbeSettings.TickTime);
    }

    /// <summary>Polls the sink until it has taken <paramref name="expected"/> numbered messages, or the deadline passes.</summary>
    static async Task<LoadCounts> WaitForAsync(ProcessRef<LoadSink> sink, long expected, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var counts = new LoadCounts(0, 0, 0, 0);
        while (clock.Elapsed < deadline)
        {
            try
            {
                counts = await sink.Counts();
                if (counts.Received >= expected)
                {
                    return counts;
                }
            }
            catch (CallTimeoutException)
            {
                // Behind a long queue: ask again.
            }

            await Task.Delay(20);
        }

        return counts;
    }

    static string Outcome(long sent, LoadCounts counts) =>
        $"received {Figures.N(counts.Received)} of {Figures.N(sent)}: lost {Figures.N(sent - counts.Distinct)}, duplicated {Figures.N(counts.Duplicates)}, reordered {Figures.N(counts.Reordered)}";

    static string Busy(Context context) =>
        context.Capture.BusyEpisodes == 0 ? "connection never busy"
        : $"connection busy {Figures.N(context.Capture.BusyEpisodes)} times, {Figures.N(context.Capture.BusyMilliseconds)} ms in all, longest {Figures.N(context.Capture.LongestBusyMilliseconds)} ms";

    /// <summary>A token cancelled after <paramref name="limit"/> (its source is left to the timer; the probe makes a handful).</summary>
    static CancellationToken Within(TimeSpan limit) => new CancellationTokenSource(limit).Token;

    static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
