using System.Globalization;
using System.Text;

namespace Typed.Testing.Tests;

/// <summary>
/// Runs a property once per seed: the seeds are 1 to <c>TYPED_PROPERTY_RUNS</c> (8 by default), or only
/// <c>TYPED_PROPERTY_SEED</c>; a failure names its seed, how to run it again, and the schedule it wrote.
/// </summary>
internal static class Seeds
{
    /// <summary>Runs <paramref name="property"/> for each seed, with a schedule to write what it does into; returns how many ran.</summary>
    public static async Task<int> RunAsync(Func<int, StringBuilder, Task> property)
    {
        var seeds = Environment.GetEnvironmentVariable("TYPED_PROPERTY_SEED") is { } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Enumerable.Range(1, int.Parse(Environment.GetEnvironmentVariable("TYPED_PROPERTY_RUNS") ?? "8", CultureInfo.InvariantCulture)).ToArray();
        foreach (var seed in seeds)
        {
            var schedule = new StringBuilder();
            try
            {
                await property(seed, schedule);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed} failed (TYPED_PROPERTY_SEED={seed} runs it again): {ex.Message}{Environment.NewLine}schedule:{Environment.NewLine}{schedule}");
            }
        }

        return seeds.Length;
    }
}
