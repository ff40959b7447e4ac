using System.Globalization;
using System.Runtime.InteropServices;

namespace Typed.Benchmarks.Harness;

/// <summary>Prints the results as markdown: machine and run header, the comparison table, the calibration floor, failures.</summary>
internal static class Table
{
    static readonly (string Key, string Title)[] Columns = [("typed", "Typed"), ("akka", "Akka.NET 1.5.74"), ("proto", "Proto.Actor 1.8.0")];

    public static void Print(TextWriter o, Settings settings, Results results, DateTime started, TimeSpan took, double loadAtStart, double loadAtEnd)
    {
        var underLoad = !(loadAtStart < 1.0) || !(loadAtEnd < 1.5);
        o.WriteLine();
        o.WriteLine(Invariant($"Typed benchmarks, {started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}"));
        o.WriteLine(Invariant($"{(settings.Quick ? "QUICK smoke run (numbers meaningless); " : "")}warm-up >= {settings.WarmUp.TotalSeconds:0.#} s, {settings.Repetitions} repetitions, median (min-max); run took {took.TotalMinutes:0.0} min; 1-min load {loadAtStart:0.00} at start, {loadAtEnd:0.00} at end{(underLoad ? " -- TAKEN UNDER LOAD" : "")}"));
        o.WriteLine();
        o.WriteLine($"| workload | unit | {string.Join(" | ", Columns.Select(c => c.Title))} | Typed vs best peer |");
        o.WriteLine($"|---|---|{string.Concat(Columns.Select(_ => "---:|"))}---:|");
        foreach (var metric in Metric.All.Where(m => !m.Calibration))
        {
            var cells = Columns.Select(c => Cell(results, metric, c.Key));
            o.WriteLine($"| {metric.Title} | {metric.Unit} | {string.Join(" | ", cells)} | {Ratio(metric, results)} |");
        }

        if (!Metric.All.Any(m => m.Calibration && results.Samples(m, "tcp") is not null) && !results.Failures.ContainsKey(("calibration", "tcp")))
        {
            Footer(o, results);
            return;
        }

        o.WriteLine();
        o.WriteLine("Calibration, same run: plain blocking TCP sockets between two OS processes on 127.0.0.1, 16-byte frames, one send() per frame");
        o.WriteLine();
        o.WriteLine("| calibration | unit | plain TCP |");
        o.WriteLine("|---|---|---:|");
        foreach (var metric in Metric.All.Where(m => m.Calibration))
        {
            o.WriteLine($"| {metric.Title} | {metric.Unit} | {Cell(results, metric, "tcp")} |");
        }

        Footer(o, results);
    }

    static void Footer(TextWriter o, Results results)
    {
        o.WriteLine();
        o.WriteLine("Typed vs best peer: Typed's median over the best peer median (rates), or the best peer's over Typed's (times, bytes); above 1 means Typed leads.");
        foreach (var ((workload, framework), reason) in results.Failures)
        {
            o.WriteLine($"FAILED {workload} {framework}: {reason}");
        }
    }

    static string Cell(Results results, Metric metric, string framework)
    {
        var samples = results.Samples(metric, framework);
        if (samples is null || samples.Length == 0)
        {
            return results.Failures.ContainsKey((metric.Workload, framework)) ? "failed" : "-";
        }

        var (median, min, max) = Stats.Summary(samples);
        return $"{Format(median)} ({Format(min)}-{Format(max)})";
    }

    static string Ratio(Metric metric, Results results)
    {
        if (results.Samples(metric, "typed") is not { Length: > 0 } typed)
        {
            return "n/a";
        }

        var peers = Columns.Skip(1)
            .Select(c => results.Samples(metric, c.Key))
            .Where(s => s is { Length: > 0 })
            .Select(s => Stats.Summary(s!).Median)
            .ToArray();
        if (peers.Length == 0)
        {
            return "n/a";
        }

        var t = Stats.Summary(typed).Median;
        var ratio = metric.HigherIsBetter ? t / peers.Max() : peers.Min() / t;
        return ratio switch
        {
            double.NaN => "n/a",
            > 100 => ">100x",                    // e.g. allocations near zero: no meaningful ratio
            < 0.01 => "<0.01x",
            _ => Invariant($"{ratio:0.00}x"),
        };
    }

    internal static string Format(double v) => Math.Abs(v) switch
    {
        >= 1e6 => Invariant($"{v / 1e6:0.00}M"),
        >= 1e4 => Invariant($"{v / 1e3:0.0}k"),
        >= 100 => Invariant($"{v:0}"),
        >= 10 => Invariant($"{v:0.0}"),
        _ => Invariant($"{v:0.00}"),
    };

    static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
