using System.Text.RegularExpressions;

namespace Typed.Tests;

/// <summary>
/// The runtime schedules, waits and reads time only through <c>Scheduling/SimulationContext.cs</c>, so a
/// deterministic simulation drives all of it (docs/architecture.md): a bare <c>ConfigureAwait(false)</c>,
/// <c>Stopwatch.GetTimestamp</c>, <c>Environment.TickCount64</c>, a <c>Task.Delay</c> or <c>WaitAsync</c>
/// on the system clock, or a thread-pool queue elsewhere would slip out of it unnoticed.
/// </summary>
public partial class SchedulingSeamTests
{
    // The frame pool's trimming of idle buffers reads the system clock and changes no behaviour.
    static readonly string[] Exempt = ["Scheduling/SimulationContext.cs", "Distribution/Protocol/FramePool.cs"];

    [Fact]
    public void Runtime_code_awaits_waits_and_reads_time_only_through_the_simulation_seam()
    {
        var runtime = Path.Combine(ReadmeTests.RepositoryRoot(), "src", "Runtime");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(runtime, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) || Exempt.Contains(relative))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (!line.StartsWith("//", StringComparison.Ordinal) && Forbidden().Match(line) is { Success: true } match)
                {
                    offences.Add($"{relative}:{i + 1}: {match.Value}");
                }
            }
        }

        Assert.True(offences.Count == 0, "go through SimulationContext instead:\n" + string.Join('\n', offences));
    }

    [GeneratedRegex(@"ConfigureAwait\(false\)|Stopwatch\.GetTimestamp\(\)|Stopwatch\.StartNew\(\)|Environment\.TickCount64|ThreadPool\.(Unsafe)?QueueUserWorkItem|Task\.Run\(|Task\.Delay\((?![^;]*SimulationContext\.Clock)|\.WaitAsync\([^;]*(TimeSpan|Timeout)(?![^;]*SimulationContext\.Clock)|(?<!SimulationContext)\.CancelAfter\(|TaskCreationOptions\.RunContinuationsAsynchronously")]
    private static partial Regex Forbidden();
}
