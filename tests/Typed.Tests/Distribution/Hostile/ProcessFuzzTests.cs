using Typed.Fuzzing;
using Xunit.Abstractions;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// Seeded, time-bounded fuzzing of a node in its own OS process (tests/Typed.TestNode as a fuzz
/// target) over real TCP: every handshake step in both roles, every frame kind after a real handshake,
/// sends, calls, casts and RPC calls to its real processes (user payload decoders included), and its
/// port mapper. A crash is the target's process exiting: it is replayed alone to confirm it and
/// reported with its bytes. TYPED_FUZZ_COUNT (default 100,000 inputs), TYPED_FUZZ_SEED and
/// TYPED_FUZZ_SECONDS (default 60) set the run; the full run is <c>dotnet run --project tests/Typed.Fuzz</c>.
/// It runs alone, after the tests that run in parallel: it keeps both cores busy for its minute, which
/// would starve their timeouts (a TLS handshake within 2 s, for one).
/// </summary>
[Collection(nameof(ProcessFuzzTests))]
public class ProcessFuzzTests(ITestOutputHelper output)
{
    static readonly long Count = long.TryParse(Environment.GetEnvironmentVariable("TYPED_FUZZ_COUNT"), out var n) ? n : 100_000;
    static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("TYPED_FUZZ_SEED"), out var s) ? s : 20261202;
    static readonly double Seconds = double.TryParse(Environment.GetEnvironmentVariable("TYPED_FUZZ_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 60;

    [Fact]
    public async Task A_node_in_its_own_process_survives_mutations_of_every_handshake_step_frame_kind_and_port_mapper_request()
    {
        var report = await ProcessFuzzer.RunAsync(new FuzzOptions(Count, Seed, TimeSpan.FromSeconds(Seconds), MaxCrashes: 20) { Log = output.WriteLine });
        output.WriteLine(report.Format());

        // The corpus reaches its decoders: every valid frame is accepted, every category was fed.
        Assert.Empty(report.CorpusRefused);
        Assert.Empty(report.Skipped);
        Assert.All(FuzzReport.Categories, c => Assert.True(report.Inputs[(int)c] > 0, $"no {c} inputs"));

        // No crash, and the node answers at the end.
        Assert.True(report.TargetExits == 0, string.Join('\n', report.Crashes));
        Assert.True(report.AliveAtEnd, "the node did not answer a real call after the run");
    }
}
