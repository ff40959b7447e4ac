namespace Typed.Benchmarks.Harness;

internal static class Stats
{
    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

    public static (double Median, double Min, double Max) Summary(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var median = sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return (median, sorted[0], sorted[^1]);
    }
}
