using System.Globalization;
using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// A property over random fault schedules, simulated: whatever happens to the network while calls are
/// in flight (partitions, one-way cuts that only the tick notices, latency, killed nodes), every call
/// ends by its deadline or its NodeDown, with its answer or an exception, never later; and a call that
/// times out does so no earlier than its timeout. On the simulated clock both are exact up to the call
/// timer's resolution. Seeds as in <see cref="ConvergenceProperties"/>.
/// </summary>
public class CallDeadlineProperties(ITestOutputHelper output)
{
    // The timer wheel's resolution: a timeout fires on the first 10 ms tick at or after it is due, which
    // the wheel's timer visits within one more tick.
    static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Every_call_ends_by_its_deadline_or_its_node_down_whatever_the_network_does()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var summary = await Properties.ExploreAsync(output, 30, simulation => RunAsync(simulation, outcomes));
        output.WriteLine($"calls ended: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"))}");
    }

    static async Task RunAsync(Simulation simulation, Dictionary<string, int> outcomes)
    {
        var random = new Random(simulation.Seed);
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
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 30)), simulation.Time);
        }

        // Meanwhile, one fault on the way to b or c.
        var victim = random.Next(2) == 0 ? b : c;
        switch (random.Next(4))
        {
            case 0:
                cluster.Partition([a], [victim]);
                simulation.Log($"partition a from {victim.Name}");
                break;
            case 1:
                cluster.CutOneWay(victim, a);
                simulation.Log($"cut {victim.Name} -> a (replies held; only the tick notices)");
                break;
            case 2:
                cluster.SetLatency(a, victim, TimeSpan.FromMilliseconds(random.Next(100, 800)));
                simulation.Log($"latency a -> {victim.Name}");
                break;
            default:
                await cluster.KillAsync(victim);
                simulation.Log($"kill {victim.Name}");
                break;
        }

        foreach (var (outcome, took, timeout) in await Task.WhenAll(calls))
        {
            simulation.Log($"call with timeout {timeout.TotalMilliseconds} ms: {outcome} after {took.TotalMilliseconds:0.###} ms");
            Assert.True(took <= timeout + Slack, $"a call with a {timeout.TotalMilliseconds} ms timeout ended after {took.TotalMilliseconds:0.###} ms ({outcome})");
            Assert.True(outcome != nameof(CallTimeoutException) || took >= timeout, $"a call with a {timeout.TotalMilliseconds} ms timeout timed out early, after {took.TotalMilliseconds:0.###} ms");
            lock (outcomes)
            {
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
    }

    static async Task<(string, TimeSpan, TimeSpan)> CallAsync(ProcessRef<Counter> target, int work, TimeSpan timeout)
    {
        var clock = Scheduling.SimulationContext.Clock;
        var started = clock.GetTimestamp();
        try
        {
            await target.Sleep(work);
            return ("answered", clock.GetElapsedTime(started), timeout);
        }
        catch (TypedException ex)
        {
            return (ex.GetType().Name, clock.GetElapsedTime(started), timeout);
        }
    }
}
