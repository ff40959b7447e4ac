using System.Diagnostics;
using System.Globalization;
using System.Text;
using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// A property over random fault schedules: whatever happens to the network while calls are in flight
/// (partitions, one-way cuts that only the tick notices, latency, killed nodes), every call ends by its
/// deadline or its NodeDown, with its answer or an exception, never later. Seeds as in
/// <see cref="ConvergenceProperties"/> (<c>TYPED_PROPERTY_RUNS</c>, <c>TYPED_PROPERTY_SEED</c>).
/// </summary>
public class CallDeadlineProperties(ITestOutputHelper output)
{
    // How late a call may end past its timeout on a loaded 2-core machine (a timer firing, a thread to run it).
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Every_call_ends_by_its_deadline_or_its_node_down_whatever_the_network_does()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var runs = await Seeds.RunAsync((seed, schedule) => RunAsync(seed, schedule, outcomes));
        output.WriteLine($"{runs} schedules; calls ended: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}");
    }

    static async Task RunAsync(int seed, StringBuilder schedule, Dictionary<string, int> outcomes)
    {
        var random = new Random(seed);
        await using var cluster = await TestCluster.StartAsync(3, (_, o) => o.Distribution.TickTime = TimeSpan.FromSeconds(2));
        var (a, b, c) = (cluster[0], cluster[1], cluster[2]);
        var targets = new[] { a.Ref<Counter>(b.Spawn<Counter>().Pid), a.Ref<Counter>(c.Spawn<Counter>().Pid) };

        // Calls from a to b and c, each with its own timeout and handler time, started over ~300 ms.
        var calls = new List<Task<(string Outcome, TimeSpan Took, TimeSpan Timeout)>>();
        for (var i = 0; i < 12; i++)
        {
            var target = targets[random.Next(targets.Length)];
            var timeout = TimeSpan.FromMilliseconds(random.Next(200, 1500));
            var work = random.Next(0, 400);
            calls.Add(CallAsync(target.WithTimeout(timeout), work, timeout));
            await Task.Delay(random.Next(0, 30));
        }

        // Meanwhile, one fault on the way to b or c.
        var victim = random.Next(2) == 0 ? b : c;
        switch (random.Next(4))
        {
            case 0:
                cluster.Partition([a], [victim]);
                schedule.AppendLine(CultureInfo.InvariantCulture, $"  partition a from {victim.Name}");
                break;
            case 1:
                cluster.CutOneWay(victim, a);
                schedule.AppendLine(CultureInfo.InvariantCulture, $"  cut {victim.Name} -> a (replies held; only the tick notices)");
                break;
            case 2:
                cluster.SetLatency(a, victim, TimeSpan.FromMilliseconds(random.Next(100, 800)));
                schedule.AppendLine(CultureInfo.InvariantCulture, $"  latency a -> {victim.Name}");
                break;
            default:
                await cluster.KillAsync(victim);
                schedule.AppendLine(CultureInfo.InvariantCulture, $"  kill {victim.Name}");
                break;
        }

        foreach (var (outcome, took, timeout) in await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            schedule.AppendLine(CultureInfo.InvariantCulture, $"  call with timeout {timeout.TotalMilliseconds} ms: {outcome} after {took.TotalMilliseconds:0} ms");
            Assert.True(took <= timeout + Slack, $"a call with a {timeout.TotalMilliseconds} ms timeout ended after {took.TotalMilliseconds:0} ms ({outcome})");
            lock (outcomes)
            {
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
    }

    static async Task<(string, TimeSpan, TimeSpan)> CallAsync(ProcessRef<Counter> target, int work, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await target.Sleep(work);
            return ("answered", clock.Elapsed, timeout);
        }
        catch (TypedException ex)
        {
            return (ex.GetType().Name, clock.Elapsed, timeout);
        }
    }
}
