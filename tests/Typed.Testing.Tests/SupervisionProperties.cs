using Typed;
using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>
/// A property over random crash schedules, simulated: a supervisor (at most 3 restarts within 5 s)
/// restarts its child, on its own node or another, after every crash until the restarts within one
/// period exceed its intensity, and then, exactly then, it gives up. The simulated clock makes the
/// model exact: the crash times the scenario recorded say when the supervisor must die.
/// </summary>
public class SupervisionProperties(ITestOutputHelper output)
{
    const int Intensity = 3;
    static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_supervisor_restarts_within_its_intensity_and_gives_up_exactly_beyond_it()
    {
        var outcomes = new int[2];
        await Properties.ExploreAsync(output, 30, simulation => RunAsync(simulation, outcomes));
        output.WriteLine($"supervisor gave up in {outcomes[0]} schedules, kept restarting in {outcomes[1]}");
    }

    static async Task RunAsync(Simulation simulation, int[] outcomes)
    {
        var random = new Random(simulation.Seed);
        await using var cluster = await TestCluster.StartAsync(2);
        var (a, b) = (cluster[0], cluster[1]);
        var tree = a.Spawn<Tight>();
        var watcher = a.Spawn<Watcher>();
        await watcher.Watch(tree.Pid);
        var childNode = random.Next(2) == 0 ? a : b;
        var child = await tree.StartChild(ChildSpec.Of<Crasher>("crasher").On(childNode.Name));
        simulation.Log($"child {child} on {childNode.Name}");

        var crashes = new List<TimeSpan>();
        var dead = false;
        var planned = random.Next(2, 9);
        for (var i = 0; i < planned && !dead; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(100, 4500)), simulation.Time);
            a.Ref<Crasher>(child).Crash();
            crashes.Add(simulation.Elapsed);
            simulation.Log($"crash {crashes.Count} of {child}");
            var crashed = child;
            await cluster.WaitUntilAsync(
                async () =>
                {
                    try
                    {
                        if ((await tree.WhichChildren()).Single().Pid is var now && now != crashed && !now.IsEmpty)
                        {
                            child = now;
                            return true;
                        }
                    }
                    catch (ProcessExitedException)
                    {
                        // Gone: its monitor says so in a moment.
                    }

                    dead = (await watcher.Downs()).Count > 0;
                    return dead;
                },
                "the child restarts or the supervisor gives up");
        }

        var expected = DiesAt(crashes);
        simulation.Log(dead ? $"supervisor gave up after crash {crashes.Count}" : $"supervisor alive after {crashes.Count} crashes");
        Assert.Equal(expected, dead ? crashes.Count : (int?)null);
        outcomes[dead ? 0 : 1]++;
    }

    /// <summary>The crash (1-based) at which more than <see cref="Intensity"/> restarts fall within one period, or null.</summary>
    static int? DiesAt(List<TimeSpan> crashes)
    {
        for (var i = 0; i < crashes.Count; i++)
        {
            if (crashes.Take(i + 1).Count(t => crashes[i] - t <= Period) > Intensity)
            {
                return i + 1;
            }
        }

        return null;
    }
}
