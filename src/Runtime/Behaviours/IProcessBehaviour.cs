using Typed.CompilerServices;
using System.ComponentModel;

namespace Typed;

/// <summary>
/// Implemented by the Typed generator on every <c>[Process]</c> class: the hooks the runtime calls
/// to run the behaviour. User code does not implement or call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IProcessBehaviour
{
    /// <summary>Gives the behaviour its process before anything else runs.</summary>
    /// <param name="context">The process the behaviour runs as.</param>
    void Attach(ProcessContext context);

    /// <summary>Runs the <c>[Init]</c> hook, if any, with the start arguments given to spawn.</summary>
    /// <param name="startArgs">The behaviour's generated <c>StartArgs</c> record, or null.</param>
    /// <remarks>Generated code implements it only for a behaviour that declares the hook; the others keep this default.</remarks>
    ValueTask InitAsync(object? startArgs) => default;

    /// <summary>Dispatches one message by its id to its handler and completes its reply.</summary>
    /// <param name="envelope">The message, its id and, for a call, where the reply goes.</param>
    ValueTask HandleAsync(in Envelope envelope);

    /// <summary>Runs the <c>[Terminate]</c> hook, if any.</summary>
    /// <param name="reason">Why the process is exiting.</param>
    /// <remarks>Generated code implements it only for a behaviour that declares the hook; the others keep this default.</remarks>
    ValueTask TerminateAsync(ExitReason reason) => default;
}

/// <summary>
/// The typed side of <see cref="IProcessBehaviour"/>: constrains <see cref="Node.Spawn{T}(SpawnOptions?)"/>
/// and <see cref="ProcessRef{T}"/> so only declared behaviours can be spawned and addressed; the descriptor
/// and the factory come from <see cref="IDescribedBehaviour"/>, without a lookup or reflection.
/// </summary>
/// <typeparam name="TSelf">The behaviour class itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IProcessBehaviour<TSelf> : IProcessBehaviour, IDescribedBehaviour
    where TSelf : class, IProcessBehaviour<TSelf>
{
}
