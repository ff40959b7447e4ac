using System.Diagnostics;

namespace Typed.Tests.Cluster;

/// <summary>
/// samples/Patterns: each classic distribution pattern runs from its one command, over nodes in OS
/// processes of their own, narrates what the Erlang original shows, and exits 0.
/// </summary>
public class PatternsTests
{
    [Theory]
    [InlineData("dispatcher", "6 jobs over b@127.0.0.1 and c@127.0.0.1")]
    [InlineData("global", "every node agrees: True")]
    [InlineData("supervisor", "'tally' came back on c@127.0.0.1")]
    [InlineData("groups", "the broadcast reached 3")]
    [InlineData("rpc", "rpc:pmap      Square over 1..6")]
    [InlineData("partition", "healed: c sees 'config'")]
    [InlineData("consensus", "propose v4 with b killed too: NoMajority")]
    public async Task A_pattern_runs_over_OS_processes_and_exits_0(string pattern, string narrated)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var program = Path.Combine(ReadmeTests.RepositoryRoot(), "samples", "Patterns", "bin", configuration, "net10.0", "Typed.Samples.Patterns.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(pattern);
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        try
        {
            await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }
        }

        var text = await output;
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{text}\n{await errors}");
        Assert.Contains("== " + pattern, text, StringComparison.Ordinal);
        Assert.Contains(narrated, text, StringComparison.Ordinal);
    }
}
