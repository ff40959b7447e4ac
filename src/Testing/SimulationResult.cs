namespace Typed.Testing;

/// <summary>What a <see cref="Simulation"/> run did: its seed, its length, and its trace.</summary>
/// <param name="Seed">The seed it ran with.</param>
/// <param name="Steps">How many items it ran (process turns, continuations, timers).</param>
/// <param name="Simulated">The simulated time it covered.</param>
/// <param name="Wall">The real time it took.</param>
/// <param name="Trace">One line per step and per <see cref="Simulation.Log"/>, with the simulated time (the first <see cref="Simulation.MaxTraceLines"/>).</param>
/// <param name="TraceHash">A 64-bit FNV-1a hash of every trace line: equal for runs that did the same thing in the same order.</param>
public sealed record SimulationResult(int Seed, long Steps, TimeSpan Simulated, TimeSpan Wall, IReadOnlyList<string> Trace, ulong TraceHash)
{
    /// <summary>The trace as one text, a line each.</summary>
    public string TraceText => string.Join('\n', Trace);
}
