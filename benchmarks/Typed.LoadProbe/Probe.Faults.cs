using System.Diagnostics;
using Typed.TestNode.Shared;

namespace Typed.LoadProbe;

/// <summary>Scenarios d-f: a restarted node, large messages, remote calls.</summary>
internal static partial class Probe
{
    /// <summary>d. The receiver killed (kill -9) and started again at once under the same name.</summary>
    static async Task<IEnumerable<Row>> RestartAsync(Context context)
    {
        const string name = "phoenix@127.0.0.1";
        var first = await context.StartReceiverAsync(name);
        ReceiverProcess? second = null;
        try
        {
            if (!await context.Node.ConnectAsync(name, Within(TimeSpan.FromSeconds(10))))
            {
                throw new InvalidOperationException("could not connect to the first incarnation");
            }

            var oldPid = await context.Node.At<LoadSink>("load", name).Whoami();
            var clock = Stopwatch.StartNew();
            first.Kill();
            second = await context.StartReceiverAsync(name);
            var ready = clock.Elapsed;
            var connected = await context.Node.ConnectAsync(name, Within(TimeSpan.FromSeconds(10)));
            var reconnected = clock.Elapsed;
            var newPid = await context.Node.At<LoadSink>("load", name).Whoami();

            string oldAnswer;
            try
            {
                var echoed = await context.Node.Ref<LoadSink>(oldPid).WithTimeout(TimeSpan.FromSeconds(5)).Echo(1);
                oldAnswer = $"ANSWERED ({echoed}) by the new incarnation";
            }
            catch (ProcessExitedException ex)
            {
                oldAnswer = $"ProcessExitedException ({ex.Reason})";
            }
            catch (Exception ex) when (ex is NodeDownException or CallTimeoutException)
            {
                oldAnswer = ex.GetType().Name + ": " + ex.Message;
            }

            return [new Row("d. node killed (kill -9) and started again under the same name",
                $"a call to the old pid: {oldAnswer}; new incarnation ready {Figures.Ms(ready)} after the kill (a .NET process start), connected {Figures.Ms(reconnected - ready)} after ready ({(connected ? "ConnectAsync true" : "ConnectAsync FALSE")}); creations {oldPid.Creation:x8} -> {newPid.Creation:x8}; same pid number: {(oldPid.Id == newPid.Id ? "yes" : "no")}",
                $"{Command} --only d")];
        }
        finally
        {
            first.Dispose();
            second?.Dispose();
        }
    }

    /// <summary>e. A message over the frame cap, and small calls while a 60 MiB message is in flight.</summary>
    static async Task<IEnumerable<Row>> LargeAsync(Context context)
    {
        var sink = context.Sink.WithTimeout(TimeSpan.FromSeconds(30));
        var rows = new List<Row>();
        var downs = context.NodeDownCount;
        var cap = context.Options.Distribution.MaxFrameSize;
        var tooLarge = new byte[65 * 1024 * 1024];

        string castOutcome;
        try
        {
            sink.Big(tooLarge);
            castOutcome = "returned normally (NOT refused)";
        }
        catch (MessageTooLargeException ex)
        {
            castOutcome = $"MessageTooLargeException at the sender ({Figures.N(ex.Size)} B > {Figures.N(ex.Limit)} B)";
        }

        string callOutcome;
        try
        {
            callOutcome = $"answered {await sink.Measure(tooLarge)} (NOT refused)";
        }
        catch (MessageTooLargeException ex)
        {
            callOutcome = $"MessageTooLargeException ({Figures.N(ex.Size)} B > {Figures.N(ex.Limit)} B)";
        }

        tooLarge = [];
        var echoed = await sink.Echo(7);
        rows.Add(new Row("e. 65 MiB message (cap `MaxFrameSize` 64 MiB)",
            $"call: {callOutcome}; cast: {castOutcome}; connection alive: {(echoed == 7 && context.NodeDownCount == downs ? "yes" : "NO")} (a call after it answered, NodeDown {context.NodeDownCount - downs})",
            $"{Command} --only e"));

        // Small calls while 60 MiB messages are in flight on the same connection: sent by another process
        // (their pieces leave room for everything else), then by the caller itself, outside processes (its
        // own later frames wait behind its large one, by design: order per sender). The large casts go to
        // another process on the receiver, so what the small calls wait for is the connection and the
        // node, not a mailbox behind a 60 MiB message. The first burst finds both nodes' large-frame pools
        // empty (fresh memory on both sides); the next ones find them warm, as on a node that carries
        // large messages.
        var bulk = context.Bulk.WithTimeout(TimeSpan.FromSeconds(30));
        var quiet = await LatenciesAsync(sink, context.Settings.Count(2_000), TimeSpan.FromSeconds(20), () => false);
        var without = $"without them: median {Figures.Us(Figures.Percentile(quiet, 0.5))}, p99 {Figures.Us(Figures.Percentile(quiet, 0.99))}, max {Figures.Us(quiet.LastOrDefault())}";
        const int bigCount = 3;
        var big = new byte[60 * 1024 * 1024];
        var sender = context.Node.Spawn<BigSender>();
        var warmBursts = context.Settings.Count(10);
        foreach (var (fromProcess, bursts, round) in (IEnumerable<(bool, int, string)>)[(true, 1, "first burst, pools cold"), (true, warmBursts, $"{warmBursts} more bursts, pools warm"), (false, 1, "pools warm")])
        {
            var latencies = new List<double>();
            var elapsed = TimeSpan.Zero;
            var paused = GC.GetTotalPauseDuration();
            var receiverPaused = await bulk.GcPausedMilliseconds();
            for (var burst = 0; burst < bursts; burst++)
            {
                var before = await bulk.BigBytes();
                if (fromProcess)
                {
                    sender.Send(bulk, big, bigCount);
                }
                else
                {
                    for (var i = 0; i < bigCount; i++)
                    {
                        bulk.Big(big);
                    }
                }

                // A small call every 5 ms, each timed on its own (sequential calls would each wait for one
                // big message and give a handful of samples), until the big messages have all arrived.
                var calls = new List<Task<double>>();
                var pace = Stopwatch.StartNew();
                var arrivedAll = false;
                var check = bulk.BigBytes().AsTask();
                while (!arrivedAll && pace.Elapsed < TimeSpan.FromSeconds(60) && calls.Count < 20_000)
                {
                    calls.Add(TimedEchoAsync(sink, calls.Count));
                    await Task.Delay(5);
                    if (check.IsCompleted)
                    {
                        arrivedAll = await check - before >= (long)bigCount * big.Length;
                        check = arrivedAll ? check : bulk.BigBytes().AsTask();
                    }
                }

                latencies.AddRange(await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60)));
                elapsed += pace.Elapsed;
            }

            var loaded = latencies.Order().ToArray();
            var receiverPause = TimeSpan.FromMilliseconds(await bulk.GcPausedMilliseconds() - receiverPaused);
            var who = fromProcess ? "another process" : "the caller itself (outside processes: its calls wait behind its own large casts, by design)";
            rows.Add(new Row($"e. small calls while {bigCount} x 60 MiB casts from {who} are in flight on the same connection ({round})",
                $"{Figures.N(loaded.Length)} calls, one every 5 ms until all arrived ({Figures.Ms(elapsed)} in all, {Figures.Rate(bursts * bigCount * 60.0 / elapsed.TotalSeconds)} MiB/s): median {Figures.Us(Figures.Percentile(loaded, 0.5))}, p99 {Figures.Us(Figures.Percentile(loaded, 0.99))}, max {Figures.Us(loaded.LastOrDefault())} ({without}); GC paused the sending node {Figures.Ms(GC.GetTotalPauseDuration() - paused)}, the receiving node {Figures.Ms(receiverPause)}",
                $"{Command} --only e"));
        }

        return rows;
    }

    /// <summary>f. Remote calls with small messages: one caller in sequence, then 8 at once.</summary>
    static async Task<IEnumerable<Row>> CallsAsync(Context context)
    {
        var pid = await context.Sink.Whoami();
        var sink = context.Node.Ref<LoadSink>(pid);
        var count = context.Settings.Count(20_000);
        await LatenciesAsync(sink, count / 5, TimeSpan.FromSeconds(30), () => false);   // warm-up
        var clock = Stopwatch.StartNew();
        var one = await LatenciesAsync(sink, count, TimeSpan.FromSeconds(60), () => false);
        var oneRate = one.Length / clock.Elapsed.TotalSeconds;

        const int callers = 8;
        clock.Restart();
        var all = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => LatenciesAsync(sink, count / callers * 2, TimeSpan.FromSeconds(60), () => false))));
        var manyRate = all.Sum(a => a.Length) / clock.Elapsed.TotalSeconds;
        var merged = all.SelectMany(a => a).Order().ToArray();
        return [
            new Row($"f. remote calls, small messages, 1 caller in sequence ({Figures.N(one.Length)} calls)",
                $"{Figures.Rate(oneRate)} calls/s; median {Figures.Us(Figures.Percentile(one, 0.5))}, p99 {Figures.Us(Figures.Percentile(one, 0.99))}, max {Figures.Us(one.LastOrDefault())}",
                $"{Command} --only f"),
            new Row($"f. remote calls, small messages, {callers} callers at once ({Figures.N(merged.Length)} calls)",
                $"{Figures.Rate(manyRate)} calls/s; median {Figures.Us(Figures.Percentile(merged, 0.5))}, p99 {Figures.Us(Figures.Percentile(merged, 0.99))}, max {Figures.Us(merged.LastOrDefault())}",
                $"{Command} --only f"),
        ];
    }

    static async Task<double> TimedEchoAsync(ProcessRef<LoadSink> sink, int n)
    {
        var start = Stopwatch.GetTimestamp();
        await sink.Echo(n);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    /// <summary>Sequential small calls until <paramref name="count"/>, the time limit or <paramref name="stop"/>; latencies in microseconds, sorted.</summary>
    static async Task<double[]> LatenciesAsync(ProcessRef<LoadSink> sink, int count, TimeSpan limit, Func<bool> stop)
    {
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < limit && !stop(); i++)
        {
            var start = Stopwatch.GetTimestamp();
            await sink.Echo(i);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        latencies.Sort();
        return [.. latencies];
    }
}
