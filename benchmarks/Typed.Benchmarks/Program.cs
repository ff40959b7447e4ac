// Typed benchmarks harness: prints one table. Run with
//   dotnet run --project benchmarks/Typed.Benchmarks -c Release -- [spawn|local-call|local-throughput|all]
// Each workload warms up for at least 2 s (tiered JIT), then reports the median, min and max of
// several repetitions. Peers (Akka.NET, Proto.Actor) join this table with the benchmarks issue.
using System.Diagnostics;
using System.Globalization;
using Typed;
using Typed.Benchmarks;

var which = args.Length > 0 ? args[0] : "all";
var rows = new List<Row>();
if (which is "all" or "spawn")
{
    rows.AddRange(await Workloads.SpawnAsync());
}

if (which is "all" or "local-call")
{
    rows.AddRange(await Workloads.LocalCallAsync());
}

if (which is "all" or "local-throughput")
{
    rows.AddRange(await Workloads.LocalThroughputAsync());
}

Console.WriteLine();
Console.WriteLine($"Typed {typeof(Node).Assembly.GetName().Version} on {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine($"| {"workload",-34} | {"median",14} | {"min",14} | {"max",14} | unit");
Console.WriteLine($"|{new string('-', 36)}|{new string('-', 16)}|{new string('-', 16)}|{new string('-', 16)}|------");
foreach (var row in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {row.Name,-34} | {row.Median,14:N2} | {row.Min,14:N2} | {row.Max,14:N2} | {row.Unit}"));
}

namespace Typed.Benchmarks
{
    internal sealed record Row(string Name, double Median, double Min, double Max, string Unit)
    {
        public static Row Of(string name, IReadOnlyList<double> samples, string unit)
        {
            var sorted = samples.Order().ToArray();
            return new Row(name, sorted[sorted.Length / 2], sorted[0], sorted[^1], unit);
        }
    }

    internal static class Workloads
    {
        const int Repetitions = 5;

        public static async Task<Row[]> SpawnAsync()
        {
            const int count = 100_000;
            await using var node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
            var micros = new List<double>();
            var bytes = new List<double>();

            var warmUntil = Stopwatch.StartNew();
            while (warmUntil.Elapsed < TimeSpan.FromSeconds(2))
            {
                await SpawnAllAsync(node, 10_000);
            }

            for (var r = 0; r < Repetitions; r++)
            {
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var sw = Stopwatch.StartNew();
                var refs = await SpawnAllAsync(node, count, stop: false);
                sw.Stop();
                var after = GC.GetTotalMemory(forceFullCollection: true);
                micros.Add(sw.Elapsed.TotalMicroseconds / count);
                bytes.Add((after - before) / (double)count);
                GC.KeepAlive(refs);
                await StopAllAsync(node, refs);
            }

            return
            [
                Row.Of("spawn (until all started)", micros, "us/process"),
                Row.Of("idle process footprint", bytes, "bytes/process"),
            ];
        }

        static async Task<ProcessRef<Sleeper>[]> SpawnAllAsync(Node node, int count, bool stop = true)
        {
            Sleeper.Started = 0;
            var refs = new ProcessRef<Sleeper>[count];
            for (var i = 0; i < count; i++)
            {
                refs[i] = node.Spawn<Sleeper>();
            }

            while (Volatile.Read(ref Sleeper.Started) < count)
            {
                await Task.Yield();
            }

            if (stop)
            {
                await StopAllAsync(node, refs);
            }

            return refs;
        }

        static async Task StopAllAsync(Node node, ProcessRef<Sleeper>[] refs)
        {
            foreach (var r in refs)
            {
                r.Stop();
            }

            while (node.ProcessCount > 0)
            {
                await Task.Delay(1);
            }
        }

        public static async Task<Row[]> LocalCallAsync()
        {
            await using var node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
            var echo = node.Spawn<Echo>();
            const int calls = 200_000;
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(2))
            {
                await echo.Ping(1);
            }

            var rates = new List<double>();
            var medians = new List<double>();
            var p99s = new List<double>();
            var lat = new double[calls];
            for (var r = 0; r < Repetitions; r++)
            {
                var total = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    await echo.Ping(i);
                    lat[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                }

                total.Stop();
                rates.Add(calls / total.Elapsed.TotalSeconds);
                Array.Sort(lat);
                medians.Add(lat[calls / 2]);
                p99s.Add(lat[(int)(calls * 0.99)]);
            }

            return
            [
                Row.Of("local call", rates, "round trips/s"),
                Row.Of("local call latency (median)", medians, "us"),
                Row.Of("local call latency (p99)", p99s, "us"),
            ];
        }

        public static async Task<Row[]> LocalThroughputAsync()
        {
            await using var node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
            var sink = node.Spawn<Tally>();
            const int messages = 2_000_000;
            var msg = new Tick(1, "hello");
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(2))
            {
                await RunAsync(sink, msg, 100_000);
            }

            var rates = new List<double>();
            for (var r = 0; r < Repetitions; r++)
            {
                var sw = Stopwatch.StartNew();
                await RunAsync(sink, msg, messages);
                rates.Add(messages / sw.Elapsed.TotalSeconds);
            }

            return [Row.Of("local throughput (send)", rates, "msgs/s")];

            static async Task RunAsync(ProcessRef<Tally> sink, Tick msg, int count)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Tally.Expect(count, done);
                for (var i = 0; i < count; i++)
                {
                    sink.Send(msg);
                }

                await done.Task;
            }
        }
    }
}
