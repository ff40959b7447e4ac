using System.Diagnostics;
using System.Globalization;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// The one command: runs every selected cell (workload x framework, plus the plain-TCP calibration) in
/// its own OS process, one after the other, each bounded by <see cref="Settings.CellTimeout"/> (a cell
/// that overruns is killed with its server and shown as failed), then prints the table.
/// </summary>
internal static class Orchestrator
{
    public static async Task<int> RunAsync(Settings settings, IReadOnlyCollection<string> workloads, IReadOnlyCollection<string> frameworks)
    {
        var cells = new List<(string Workload, string Framework)>();
        foreach (var w in Cell.Workloads.Where(w => workloads.Count == 0 || workloads.Contains(w)))
        {
            cells.AddRange(Cell.Frameworks.Where(f => frameworks.Count == 0 || frameworks.Contains(f)).Select(f => (w, f)));
        }

        if (workloads.Count == 0 || workloads.Contains("calibration"))
        {
            cells.Add(("calibration", "tcp"));
        }

        var loadAtStart = LoadAverage();
        var started = DateTime.UtcNow;
        var results = new Results();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < cells.Count; i++)
        {
            var (workload, framework) = cells[i];
            await Console.Error.WriteAsync($"[{i + 1}/{cells.Count}] {workload,-18} {framework,-6} ");
            var sw = Stopwatch.StartNew();
            var arguments = new List<string> { "cell", workload, framework };
            if (settings.Quick)
            {
                arguments.Add("--quick");
            }

            using var cell = SelfProcess.Start([.. arguments]);
            var exited = await cell.WaitForExitAsync(settings.CellTimeout);
            string? failure = !exited ? $"timed out after {settings.CellTimeout.TotalSeconds:0} s, killed"
                : cell.ExitCode != 0 ? $"exit code {cell.ExitCode}: {cell.ErrorTail}"
                : null;
            foreach (var line in cell.Lines.Where(l => l.StartsWith("ROW ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ', 3);
                results.Add(Metric.ByKey(parts[1]), framework, parts[2].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            }

            if (failure is not null)
            {
                results.Fail(workload, framework, failure);
            }

            await Console.Error.WriteLineAsync($"{sw.Elapsed.TotalSeconds,6:0.0} s {(failure is null ? "ok" : "FAILED: " + failure)}");
        }

        var loadAtEnd = LoadAverage();
        Table.Print(Console.Out, settings, results, started, clock.Elapsed, loadAtStart, loadAtEnd);
        return 0;
    }

    /// <summary>The 1-minute load average, or NaN off Linux.</summary>
    internal static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}

/// <summary>The samples of every row per framework, and the cells that failed.</summary>
internal sealed class Results
{
    readonly Dictionary<(string Metric, string Framework), double[]> _samples = [];
    readonly Dictionary<(string Workload, string Framework), string> _failures = [];

    public void Add(Metric metric, string framework, double[] samples) => _samples[(metric.Key, framework)] = samples;

    public void Fail(string workload, string framework, string reason) => _failures[(workload, framework)] = reason;

    public double[]? Samples(Metric metric, string framework) => _samples.GetValueOrDefault((metric.Key, framework));

    public IReadOnlyDictionary<(string Workload, string Framework), string> Failures => _failures;
}
