namespace Typed.Testing;

public sealed partial class Simulation
{
    /// <summary>How many trace lines a run keeps (the hash covers every line).</summary>
    public const int MaxTraceLines = 1_000_000;

    /// <summary>One ready item: a process's turn, a posted continuation, or a timer that fired.</summary>
    readonly record struct Item(IThreadPoolWorkItem? Work, SendOrPostCallback? Callback, object? State)
    {
        public void Run(Simulation simulation)
        {
            if (Work is { } work)
            {
                simulation.Record($"{simulation.Stamp()} turn {work}");
                work.Execute();
            }
            else if (Callback is { } callback)
            {
                simulation.Record($"{simulation.Stamp()} post");
                callback(State);
            }
            else
            {
                simulation.Record($"{simulation.Stamp()} timer");
                ((SimulatedClock.Timer)State!).Run();
            }
        }
    }
}
