// The process fuzzer's target (FuzzTarget.cs), started with --fuzz-target by tests/Typed.Fuzz and by the
// fuzz tests in tests/Typed.Tests. The multi-process tests run their child nodes through Typed.Testing's
// TestNodeProcess instead, from the test assembly itself.
using Typed.TestNode;

if (args is ["--fuzz-target", ..])
{
    return await FuzzTarget.RunAsync(args);
}

await Console.Error.WriteLineAsync(FuzzTarget.Usage);
return 2;
