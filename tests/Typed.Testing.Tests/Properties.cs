using Xunit.Abstractions;

namespace Typed.Testing.Tests;

/// <summary>Runs a simulated property over seeds and, when a seed fails, writes the schedule its run logged.</summary>
internal static class Properties
{
    public static async Task<SimulationSummary> ExploreAsync(ITestOutputHelper output, int runs, Func<Simulation, Task> property)
    {
        try
        {
            var summary = await Simulation.ExploreAsync(runs, property);
            output.WriteLine($"{summary.Runs} seeds from {summary.FirstSeed}: {summary.Steps:N0} steps, {summary.Simulated.TotalSeconds:0.#} s simulated in {summary.Wall.TotalSeconds:0.##} s; traces {summary.TraceHash:x16}");
            return summary;
        }
        catch (SimulationFailedException failure)
        {
            output.WriteLine(failure.Message);
            output.WriteLine("schedule:");
            foreach (var line in failure.Trace.Where(l => l.Contains(" | ", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }

            throw;
        }
    }
}
