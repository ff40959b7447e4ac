namespace Typed.Testing;

public sealed partial class Simulation
{
    /// <summary>How many trace lines a run keeps (the hash covers every line).</summary>
    public const int MaxTraceLines = 1_000_000;

    static readonly Dictionary<Type, string> s_names = [];

    /// <summary>
    /// What a posted continuation resumes, for the trace: the async method when the state is an await's
    /// continuation (its state machine's type, e.g. <c>Link.PumpAsync</c>), else the state's type.
    /// </summary>
    static string Describe(object? state) => state switch
    {
        null => "-",
        ValueTuple<Action<object?>, object?> piped => Describe(piped.Item2),
        Delegate { Target: { } target } => Describe(target),
        _ => Name(state.GetType()),
    };

    static string Name(Type type)
    {
        lock (s_names)
        {
            if (!s_names.TryGetValue(type, out var name))
            {
                var machine = type.IsGenericType ? type.GenericTypeArguments.FirstOrDefault(t => t.Name.StartsWith('<')) : null;
                name = machine is { Name: ['<', .. var rest] } && rest.IndexOf('>') is > 0 and var end
                    ? $"{machine.DeclaringType?.Name}.{rest[..end]}"
                    : type.Name;
                s_names[type] = name;
            }

            return name;
        }
    }

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
                simulation.Record($"{simulation.Stamp()} post {Describe(State)}");
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
