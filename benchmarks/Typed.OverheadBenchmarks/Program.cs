using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process (no per-benchmark project build), 5 warm-up and 15 measured iterations: see
// benchmarks/README.md for the command and the figures. BenchmarkDotNet's own arguments (--filter)
// narrow a run.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15));
BenchmarkSwitcher.FromAssembly(typeof(Typed.OverheadBenchmarks.Echo).Assembly).Run(args, config);
