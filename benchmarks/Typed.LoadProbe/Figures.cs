using System.Globalization;

namespace Typed.LoadProbe;

/// <summary>One line of the probe's table.</summary>
internal sealed record Row(string Scenario, string Result, string Command);

/// <summary>Formatting of figures, invariant culture.</summary>
internal static class Figures
{
    public static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    public static string Us(double microseconds) => microseconds >= 10_000
        ? (microseconds / 1000).ToString("F0", CultureInfo.InvariantCulture) + " ms"
        : microseconds.ToString(microseconds < 100 ? "F1" : "F0", CultureInfo.InvariantCulture) + " us";

    public static string Rate(double perSecond) => perSecond >= 1e6
        ? (perSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture) + "M"
        : perSecond >= 1e4 ? (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + "k" : perSecond.ToString("F0", CultureInfo.InvariantCulture);

    /// <summary>The value below which <paramref name="fraction"/> of <paramref name="sorted"/> lie.</summary>
    public static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    public static void Print(IReadOnlyList<Row> rows, TextWriter output)
    {
        output.WriteLine("| scenario | result | command |");
        output.WriteLine("|---|---|---|");
        foreach (var row in rows)
        {
            output.WriteLine($"| {row.Scenario} | {row.Result} | `{row.Command}` |");
        }
    }
}
