namespace Typed;

/// <summary>
/// Implemented by a behaviour's generated <c>StartArgs</c> record, built from the parameters of its
/// <c>[Init]</c> hook. Passing one to <see cref="Node.Spawn{T}(IStartArgs{T}, SpawnOptions?)"/>
/// picks the behaviour: <c>node.Spawn(new Counter.StartArgs(10))</c>.
/// </summary>
/// <typeparam name="T">The behaviour the arguments start.</typeparam>
public interface IStartArgs<T>
    where T : class, IProcessBehaviour<T>;
