namespace Typed.Testing;

/// <summary>A simulated run failed: the scenario threw, got stuck, ran past its limits or met work from outside; <see cref="Seed"/> replays it.</summary>
public sealed class SimulationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="seed">The seed that replays the failure.</param>
    /// <param name="message">What failed, with the seed.</param>
    /// <param name="trace">The run's trace up to the failure.</param>
    /// <param name="inner">What the scenario threw, if it threw.</param>
    public SimulationFailedException(int seed, string message, IReadOnlyList<string> trace, Exception? inner)
        : base(message, inner)
    {
        Seed = seed;
        Trace = trace;
    }

    /// <summary>The seed that replays the failure: <c>Simulation.RunAsync(Seed, scenario)</c>.</summary>
    public int Seed { get; }

    /// <summary>The run's trace up to the failure.</summary>
    public IReadOnlyList<string> Trace { get; }
}
