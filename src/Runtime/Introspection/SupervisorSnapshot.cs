using MemoryPack;

namespace Typed.Introspection;

/// <summary>A supervisor and its children as the supervisor itself describes them.</summary>
/// <param name="Pid">The supervisor.</param>
/// <param name="Behaviour">Its <c>[Supervisor]</c> class.</param>
/// <param name="Strategy">Its restart strategy (<see cref="Typed.Strategy"/>'s name).</param>
/// <param name="Intensity">Restarts allowed within <paramref name="Period"/> seconds.</param>
/// <param name="Period">The intensity's window, in seconds.</param>
/// <param name="RestartsInPeriod">Restarts within the last <paramref name="Period"/> seconds; one more than <c>Intensity - RestartsInPeriod</c> and the supervisor gives up.</param>
/// <param name="Children">Its children in start order (dynamic children of simple_one_for_one in no particular order).</param>
[MemoryPackable]
public sealed partial record SupervisorSnapshot(
    Pid Pid,
    string Behaviour,
    string Strategy,
    int Intensity,
    int Period,
    int RestartsInPeriod,
    ChildSnapshot[] Children)
{
    /// <summary>Restarts the supervisor may still make within its period before it gives up.</summary>
    [MemoryPackIgnore]
    public int IntensityLeft => Math.Max(0, Intensity - RestartsInPeriod);
}
