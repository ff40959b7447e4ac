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
/// The typed side of <see cref="IProcessBehaviour"/>: gives the runtime the behaviour's descriptor
/// without a lookup or reflection. Constrains <see cref="Node.Spawn{T}(SpawnOptions?)"/> and
/// <see cref="ProcessRef{T}"/> so only declared behaviours can be spawned and addressed.
/// </summary>
/// <typeparam name="TSelf">The behaviour class itself.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IProcessBehaviour<TSelf> : IProcessBehaviour
    where TSelf : class, IProcessBehaviour<TSelf>
{
    /// <summary>The generated descriptor of the behaviour.</summary>
    static abstract BehaviourDescriptor<TSelf> Descriptor { get; }

    /// <summary>
    /// Builds a new instance, its constructor dependencies taken from <paramref name="services"/>: generated
    /// on every <c>[Process]</c> class (one method, where a factory delegate would cost a closure class per
    /// behaviour). A descriptor created with a factory of its own does not call it.
    /// </summary>
    /// <param name="services">Where the constructor's dependencies come from.</param>
    /// <exception cref="NotSupportedException">The behaviour does not implement it and its descriptor has no factory.</exception>
    static virtual TSelf Create(IServiceProvider services) =>
        throw new NotSupportedException(typeof(TSelf).Name + " does not implement IProcessBehaviour<T>.Create; its descriptor needs a factory");
}
