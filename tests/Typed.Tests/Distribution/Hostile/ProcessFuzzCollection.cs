namespace Typed.Tests.Distribution.Hostile;

/// <summary>The process fuzzer's collection: not run in parallel with any other test (see <see cref="ProcessFuzzTests"/>).</summary>
[CollectionDefinition(nameof(ProcessFuzzTests), DisableParallelization = true)]
public class ProcessFuzzCollection;
