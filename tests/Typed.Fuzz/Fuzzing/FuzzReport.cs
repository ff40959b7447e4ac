using System.Globalization;
using System.Text;

namespace Typed.Fuzzing;

/// <summary>How the fuzzer is run.</summary>
/// <param name="Count">Stop after this many inputs.</param>
/// <param name="Seed">Seeds every worker's generator (worker i: seed * 1000 + i).</param>
/// <param name="Duration">Stop after this long, whatever the count.</param>
/// <param name="Workers">Concurrent sessions against the target.</param>
/// <param name="MaxCrashes">Stop after this many crashes (each is triaged and the target restarted).</param>
internal sealed record FuzzOptions(long Count, int Seed, TimeSpan Duration, int Workers = 12, int MaxCrashes = 3)
{

    /// <summary>Progress lines (null: quiet).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>An input after which the target's OS process was gone.</summary>
/// <param name="Category">Where the input was fed.</param>
/// <param name="Bytes">The input, exactly as sent (frames with their length in front).</param>
/// <param name="Confirmed">Whether replaying it alone against a fresh target killed it too.</param>
/// <param name="ExitCode">The target's exit code.</param>
/// <param name="Stderr">The last lines the target wrote to stderr.</param>
/// <param name="Origin">Seed, worker and input number.</param>
internal sealed record FuzzCrash(FuzzCategory Category, byte[] Bytes, bool Confirmed, int? ExitCode, string Stderr, string Origin)
{
    public override string ToString()
    {
        var stack = string.Join("\n          ", Stderr.Split('\n').Where(l => !l.Contains(" System.", StringComparison.Ordinal)).Take(14));
        return $"CRASH {Category} ({Origin}, exit code {ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?"}, " +
            $"{(Confirmed ? "replayed alone: crashes" : "not reproduced alone: one of the last inputs")})\n  bytes: {Convert.ToHexString(Bytes)}\n  stderr: {stack}";
    }
}

/// <summary>What a fuzz run did: inputs per category, how the target took them, crashes, time.</summary>
internal sealed class FuzzReport
{
    public FuzzReport(int seed) => Seed = seed;

    public int Seed { get; }

    /// <summary>Inputs fed, per category.</summary>
    public long[] Inputs { get; } = new long[Categories.Length];

    /// <summary>Inputs after which the target closed the connection (refused), per category.</summary>
    public long[] Closed { get; } = new long[Categories.Length];

    /// <summary>Inputs the target neither answered nor refused within the deadline, per category.</summary>
    public long[] Stalls { get; } = new long[Categories.Length];

    /// <summary>Distinct crashing inputs (a crash the same bytes caused again is not listed twice).</summary>
    public List<FuzzCrash> Crashes { get; } = [];

    /// <summary>How many times the target's process exited under fuzzing.</summary>
    public int TargetExits { get; set; }

    /// <summary>Valid corpus entries the target refused (a corpus bug: those inputs would not reach their decoders).</summary>
    public List<string> CorpusRefused { get; } = [];

    /// <summary>Messages the corpus has no sample for.</summary>
    public List<string> Skipped { get; } = [];

    /// <summary>Whether a real call answered after the run (a fresh handshake and a call to <c>echo</c>).</summary>
    public bool AliveAtEnd { get; set; }

    /// <summary>The target's registered processes and whether they still ran at the end.</summary>
    public List<(string Name, bool Running)> Services { get; } = [];

    public int TargetStarts { get; set; }

    public TimeSpan Elapsed { get; set; }

    public long Total => Inputs.Sum();

    public double PerSecond => Elapsed.TotalSeconds > 0 ? Total / Elapsed.TotalSeconds : 0;

    public static FuzzCategory[] Categories { get; } = Enum.GetValues<FuzzCategory>();

    public string Format()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"process fuzzing, seed {Seed}: {Total:N0} inputs in {Elapsed.TotalSeconds:F1} s ({PerSecond:N0} inputs/s), target exited {TargetExits} times ({Crashes.Count} distinct crashing inputs), started {TargetStarts} times");
        text.AppendLine("| category | inputs | refused (closed) | stalled |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var category in Categories)
        {
            var i = (int)category;
            text.AppendLine(inv, $"| {category} | {Inputs[i]:N0} | {Closed[i]:N0} | {Stalls[i]:N0} |");
        }

        text.AppendLine(inv, $"| total | {Total:N0} | {Closed.Sum():N0} | {Stalls.Sum():N0} |");
        text.AppendLine(inv, $"alive at the end (fresh handshake + call): {(AliveAtEnd ? "yes" : "NO")}; processes: {string.Join(", ", Services.Select(s => $"{s.Name} {(s.Running ? "running" : "GONE")}"))}");
        if (CorpusRefused.Count > 0)
        {
            text.AppendLine("valid corpus entries refused: " + string.Join(", ", CorpusRefused));
        }

        if (Skipped.Count > 0)
        {
            text.AppendLine("messages without a sample: " + string.Join("; ", Skipped));
        }

        foreach (var crash in Crashes)
        {
            text.AppendLine(crash.ToString());
        }

        return text.ToString();
    }
}
