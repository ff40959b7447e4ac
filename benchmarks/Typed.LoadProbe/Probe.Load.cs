using System.Diagnostics;
using Typed.TestNode.Shared;

namespace Typed.LoadProbe;

/// <summary>Scenarios a-c: numbered casts under load, with the receiver frozen, and before the connection is up.</summary>
internal static partial class Probe
{
    const int Senders = 4;
    const int Batch = 1_000;

    /// <summary>a. 4 senders x 1M casts to one process on the other node: as processes, then outside processes.</summary>
    static async Task<IEnumerable<Row>> ThroughputAsync(Context context)
    {
        var perSender = context.Settings.Count(1_000_000);
        var pid = await context.Sink.Whoami();
        var sink = context.Node.Ref<LoadSink>(pid).WithTimeout(TimeSpan.FromSeconds(60));
        var rows = new List<Row>();
        var label = $"a. {Senders} x {Count(perSender)} casts";

        rows.Add(await MeasureAsync(context, sink, $"{label}, senders are processes (suspended while busy)", () => StartProcessSenders(context, pid, perSender)));
        rows.Add(await MeasureAsync(context, sink, $"{label}, outside processes, generated `TakeAsync`", () => OutsideSenders(perSender, (s, n) => sink.TakeAsync(s, n))));
        rows.Add(await MeasureAsync(context, sink, $"{label}, outside processes, `Node.SendAsync`", () => OutsideSenders(perSender, (s, n) => context.Node.SendAsync(pid, new LoadSeq(s, n)))));
        rows.Add(await MeasureAsync(context, sink, $"{label}, outside processes, synchronous `Take` (never waits)", () => OutsideSenders(perSender, (s, n) =>
        {
            sink.Take(s, n);
            return default;
        })));
        return rows;
    }

    static async Task<Row> MeasureAsync(Context context, ProcessRef<LoadSink> sink, string scenario, Func<Task> send)
    {
        await sink.Clear();
        context.Capture.Reset();
        var downs = context.NodeDownCount;
        var total = (long)Senders * context.Settings.Count(1_000_000);
        var clock = Stopwatch.StartNew();
        var sending = send();
        await sending.WaitAsync(TimeSpan.FromMinutes(3));
        var sentIn = clock.Elapsed;
        var counts = await WaitForAsync(sink, total, context.NodeDownCount == downs ? TimeSpan.FromMinutes(3) : TimeSpan.FromSeconds(10));
        var elapsed = clock.Elapsed;
        if (context.NodeDownCount != downs)
        {
            // The connection was cut: connect again for what follows.
            await context.Node.ConnectAsync(context.Receiver.Name, Within(TimeSpan.FromSeconds(10)));
        }

        return new Row(scenario,
            $"{Outcome(total, counts)}; {Figures.Ms(elapsed)} ({Figures.Rate(counts.Received / elapsed.TotalSeconds)} msgs/s; senders done after {Figures.Ms(sentIn)}); {Busy(context)}; NodeDown {context.NodeDownCount - downs}",
            $"{Command} --only a");
    }

    static Task StartProcessSenders(Context context, Pid sink, int perSender)
    {
        context.Progress.Expect(Senders);
        for (var s = 1; s <= Senders; s++)
        {
            context.Node.Spawn<LoadSender>().Start(sink, s, perSender, Batch);
        }

        return context.Progress.Completion;
    }

    static Task OutsideSenders(int perSender, Func<int, int, ValueTask> send) =>
        Task.WhenAll(Enumerable.Range(1, Senders).Select(s => Task.Run(async () =>
        {
            for (var n = 1; n <= perSender; n++)
            {
                await send(s, n);
            }
        })));

    /// <summary>b. The receiver's OS process stopped for 1.5 s (SIGSTOP, SIGCONT) while 4 process senders send.</summary>
    static async Task<IEnumerable<Row>> FrozenReceiverAsync(Context context)
    {
        var perSender = context.Settings.Count(1_000_000);
        var total = (long)Senders * perSender;
        var pid = await context.Sink.Whoami();
        var sink = context.Node.Ref<LoadSink>(pid).WithTimeout(TimeSpan.FromSeconds(60));
        await sink.Clear();
        context.Capture.Reset();
        var downs = context.NodeDownCount;
        var freeze = TimeSpan.FromMilliseconds(1_500);

        var clock = Stopwatch.StartNew();
        var sending = StartProcessSenders(context, pid, perSender);
        var deadline = Stopwatch.StartNew();
        while (context.Progress.SentSoFar < total / 5 && !sending.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(5);
        }

        var sentBefore = context.Progress.SentSoFar;
        await context.Receiver.FreezeAsync();
        try
        {
            await Task.Delay(freeze);   // the scenario: the receiver's process is stopped
        }
        finally
        {
            await context.Receiver.ThawAsync();
        }

        var sentDuring = context.Progress.SentSoFar - sentBefore;
        await sending.WaitAsync(TimeSpan.FromMinutes(3));
        var counts = await WaitForAsync(sink, total, TimeSpan.FromMinutes(3));
        var elapsed = clock.Elapsed;
        return [new Row($"b. receiver OS process stopped {Figures.Ms(freeze)} (tick time {ProbeSettings.TickTime.TotalSeconds:F0} s) during {Senders} x {Count(perSender)} casts from processes",
            $"{Outcome(total, counts)}; senders suspended: longest pause of a sender {Figures.Ms(context.Progress.LongestPause)}; {Busy(context)}; casts sent while stopped {Figures.N(sentDuring)} (after {Figures.N(sentBefore)}); NodeDown {context.NodeDownCount - downs}; {Figures.Ms(elapsed)} in all",
            $"{Command} --only b")];
    }

    /// <summary>c. 20,000 casts to a named process on a node not yet connected: they wait in the backlog and go first.</summary>
    static async Task<IEnumerable<Row>> BeforeConnectAsync(Context context)
    {
        var total = context.Settings.Count(20_000);
        using var late = await context.StartReceiverAsync("late@127.0.0.1");
        var connectedBefore = context.Node.Nodes.Contains(late.Name);
        var sink = context.Node.At<LoadSink>("load", late.Name).WithTimeout(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        for (var n = 1; n <= total; n++)
        {
            sink.Take(1, n);
        }

        var queuedIn = clock.Elapsed;
        var connectedAfterLoop = context.Node.Nodes.Contains(late.Name);
        var counts = await WaitForAsync(sink, total, TimeSpan.FromSeconds(60));
        return [new Row($"c. {Count(total)} casts sent by name before the connection is up",
            $"{Outcome(total, counts)}; connected before the first cast: {(connectedBefore ? "yes" : "no")}, after the last: {(connectedAfterLoop ? "yes" : "no")} (all queued in {Figures.Ms(queuedIn)}); all arrived {Figures.Ms(clock.Elapsed)} after the first",
            $"{Command} --only c")];
    }
}
