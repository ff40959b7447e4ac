using System.Runtime.CompilerServices;

namespace Typed.Tests;

/// <summary>Settings for the test process itself.</summary>
internal static class TestHost
{
    /// <summary>
    /// The test host (VSTest and xunit v2) parks a few thread-pool threads in blocking waits; on a
    /// two-core machine that leaves one worker, and timers (ticks, deadlines) then wait for the pool's
    /// starvation injection (~500 ms). More minimum threads keep timing tests honest; the runtime
    /// itself never blocks a pool thread.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => ThreadPool.SetMinThreads(Math.Max(8, Environment.ProcessorCount * 2), Math.Max(8, Environment.ProcessorCount * 2));
}
