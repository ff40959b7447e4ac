using System.Diagnostics;
using System.Globalization;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// The timed part of each workload, the same code for every framework: a time-based warm-up (tiered JIT
/// reaches its final code), then <see cref="Settings.Repetitions"/> timed repetitions whose samples go to
/// stdout as <c>ROW key v1,v2,...</c> lines for the parent to summarise.
/// </summary>
internal static class Drivers
{
    public static async Task ThroughputAsync(ISubject subject, Settings settings, bool remote)
    {
        var total = remote ? settings.RemoteMessages : settings.LocalMessages;
        var window = remote ? settings.RemoteWindow : total;     // remote sends go in windows: see RunAsync
        long counted = 0;
        await WarmAsync(settings, async () => counted = await RunAsync(subject, Math.Max(1, window / 4), window, counted));

        var rates = new List<double>();
        var bytes = new List<double>();
        var allocated = new List<double>();
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var before = remote ? WireBytes.Sample() : null;
            var heap = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            counted = await RunAsync(subject, total, window, counted);
            sw.Stop();
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - heap) / (double)total);
            rates.Add(total / sw.Elapsed.TotalSeconds);
            if (remote && before is { } b0 && WireBytes.Sample() is { } b1)
            {
                bytes.Add((b1 - b0) / (double)total);
            }
        }

        Report(remote ? Metric.RemoteThroughput : Metric.LocalThroughput, rates);
        Report(remote ? Metric.RemoteThroughputAlloc : Metric.LocalThroughputAlloc, allocated);
        if (remote)
        {
            Report(Metric.RemoteThroughputBytes, bytes);
        }
    }

    /// <summary>
    /// Sends <paramref name="total"/> messages, asking for the count after every <paramref name="window"/>
    /// so that at most one window is in flight: none of the frameworks has backpressure on a fire-and-forget
    /// send, and an unbounded burst would measure queue growth (or, in Typed, hit the outgoing queue limit).
    /// </summary>
    static async Task<long> RunAsync(ISubject subject, int total, int window, long counted)
    {
        for (var sent = 0; sent < total; sent += window)
        {
            var n = Math.Min(window, total - sent);
            var now = await subject.SendAndCountAsync(n);
            counted += n;
            if (now != counted)
            {
                throw new InvalidOperationException($"the sink counted {now} messages, {counted} were sent");
            }
        }

        return counted;
    }

    public static async Task CallAsync(ISubject subject, Settings settings, bool remote)
    {
        var calls = remote ? settings.RemoteCalls : settings.LocalCalls;
        var chunk = Math.Max(100, calls / 20);
        var k = 0;
        await WarmAsync(settings, async () =>
        {
            for (var i = 0; i < chunk; i++, k++)
            {
                if (await subject.CallAsync(k) != k)
                {
                    throw WrongAnswer(k);
                }
            }
        });

        var rates = new List<double>();
        var medians = new List<double>();
        var p99s = new List<double>();
        var bytes = new List<double>();
        var allocated = new List<double>();
        var latencies = new double[calls];
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var before = remote ? WireBytes.Sample() : null;
            var heap = GC.GetTotalAllocatedBytes(precise: true);
            var total = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                // Awaited right here (no helper): the harness adds no allocation per round trip.
                var t = Stopwatch.GetTimestamp();
                var answer = await subject.CallAsync(i);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                if (answer != i)
                {
                    throw WrongAnswer(i);
                }
            }

            total.Stop();
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - heap) / (double)calls);
            rates.Add(calls / total.Elapsed.TotalSeconds);
            Array.Sort(latencies);
            medians.Add(Stats.Percentile(latencies, 0.5));
            p99s.Add(Stats.Percentile(latencies, 0.99));
            if (remote && before is { } b0 && WireBytes.Sample() is { } b1)
            {
                bytes.Add((b1 - b0) / (double)calls);
            }
        }

        Report(remote ? Metric.RemoteCallRate : Metric.LocalCallRate, rates);
        Report(remote ? Metric.RemoteCallP50 : Metric.LocalCallP50, medians);
        Report(remote ? Metric.RemoteCallP99 : Metric.LocalCallP99, p99s);
        Report(remote ? Metric.RemoteCallAlloc : Metric.LocalCallAlloc, allocated);
        if (remote)
        {
            Report(Metric.RemoteCallBytes, bytes);
        }
    }

    static InvalidOperationException WrongAnswer(int n) => new($"the echo answered something else than {n}");

    public static async Task SpawnAsync(ISpawnSubject subject, Settings settings)
    {
        var count = settings.Spawns;
        await WarmAsync(settings, async () =>
        {
            await subject.SpawnAsync(Math.Min(count, 10_000));
            await subject.StopAllAsync();
        });

        var micros = new List<double>();
        var bytes = new List<double>();
        for (var r = 0; r < settings.Repetitions; r++)
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var sw = Stopwatch.StartNew();
            await subject.SpawnAsync(count);
            sw.Stop();
            var after = GC.GetTotalMemory(forceFullCollection: true);
            micros.Add(sw.Elapsed.TotalMicroseconds / count);
            bytes.Add((after - before) / (double)count);
            await subject.StopAllAsync();
        }

        Report(Metric.SpawnTime, micros);
        Report(Metric.SpawnBytes, bytes);
    }

    /// <summary>Runs <paramref name="step"/> until the warm-up time has passed (at least once).</summary>
    public static async Task WarmAsync(Settings settings, Func<Task> step)
    {
        var sw = Stopwatch.StartNew();
        do
        {
            await step();
        }
        while (sw.Elapsed < settings.WarmUp);
    }

    public static void Report(Metric metric, IReadOnlyList<double> samples)
    {
        if (samples.Count > 0)
        {
            Console.WriteLine($"ROW {metric.Key} {string.Join(',', samples.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))}");
        }
    }
}
