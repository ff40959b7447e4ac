using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>A process that does nothing: the unit of the spawn tests.</summary>
[Process]
public partial class Idle
{
    [Cast]
    public void Stop() => Context.Stop();
}
