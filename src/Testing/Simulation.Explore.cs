using System.Globalization;

namespace Typed.Testing;

public sealed partial class Simulation
{
    /// <summary>The environment variable that sets how many seeds <see cref="ExploreAsync"/> runs (thousands, by hand).</summary>
    public const string RunsVariable = "TYPED_SIMULATION_RUNS";

    /// <summary>The environment variable that makes <see cref="ExploreAsync"/> run only this seed (a replay).</summary>
    public const string SeedVariable = "TYPED_SIMULATION_SEED";

    /// <summary>
    /// Runs <paramref name="scenario"/> once per seed, <paramref name="firstSeed"/> onwards: a property
    /// over schedules, each drawn from its seed (the scenario draws its faults from
    /// <see cref="SimulationContext.Random"/>, and the interleaving comes from the seed too). The first
    /// failure is thrown with its seed, which replays it: <see cref="RunAsync"/> with that seed, or the
    /// same test with <see cref="SeedVariable"/> set. <see cref="RunsVariable"/> overrides <paramref name="runs"/>.
    /// </summary>
    /// <param name="runs">How many seeds to run.</param>
    /// <param name="scenario">The property: throws when it does not hold.</param>
    /// <param name="firstSeed">The first seed.</param>
    /// <param name="limit">The most simulated time one run may take (10 minutes when null).</param>
    /// <returns>What the runs covered.</returns>
    /// <exception cref="SimulationFailedException">A run failed; its message names the seed and how many runs passed before it.</exception>
    public static async Task<SimulationSummary> ExploreAsync(int runs, Func<Simulation, Task> scenario, int firstSeed = 1, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var seeds = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Enumerable.Range(firstSeed, Environment.GetEnvironmentVariable(RunsVariable) is { Length: > 0 } count ? int.Parse(count, CultureInfo.InvariantCulture) : runs).ToArray();
        var summary = new SimulationSummary(0, seeds.FirstOrDefault(), 0, TimeSpan.Zero, TimeSpan.Zero, 14695981039346656037UL);
        foreach (var seed in seeds)
        {
            SimulationResult result;
            try
            {
                result = await RunAsync(seed, scenario, limit).ConfigureAwait(false);
            }
            catch (SimulationFailedException ex)
            {
                throw new SimulationFailedException(ex.Seed, $"{ex.Message}{Environment.NewLine}({summary.Runs} seeds passed before it; {SeedVariable}={ex.Seed} runs only this one)", ex.Trace, ex.InnerException);
            }

            summary = summary with
            {
                Runs = summary.Runs + 1,
                Steps = summary.Steps + result.Steps,
                Simulated = summary.Simulated + result.Simulated,
                Wall = summary.Wall + result.Wall,
                TraceHash = (summary.TraceHash ^ result.TraceHash) * 1099511628211UL,
            };
        }

        return summary;
    }
}

/// <summary>What <see cref="Simulation.ExploreAsync"/> covered.</summary>
/// <param name="Runs">How many seeds ran (all passed).</param>
/// <param name="FirstSeed">The first seed.</param>
/// <param name="Steps">Steps over all runs.</param>
/// <param name="Simulated">Simulated time over all runs.</param>
/// <param name="Wall">Real time over all runs.</param>
/// <param name="TraceHash">The runs' trace hashes folded in order: equal for the same seeds and the same code, in any process.</param>
public sealed record SimulationSummary(int Runs, int FirstSeed, long Steps, TimeSpan Simulated, TimeSpan Wall, ulong TraceHash);
