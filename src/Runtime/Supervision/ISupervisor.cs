using System.ComponentModel;

namespace Typed;

/// <summary>
/// Implemented by the generator on every <c>[Supervisor]</c> class; it gives the class the
/// supervisor operations of <see cref="Supervisor"/> on its <see cref="ProcessRef{T}"/>.
/// User code does not implement it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISupervisor
{
}
