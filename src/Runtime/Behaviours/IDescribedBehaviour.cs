using System.ComponentModel;
using Typed.CompilerServices;

namespace Typed;

/// <summary>
/// The static side of a behaviour, implemented by the Typed generator on every <c>[Process]</c> and
/// <c>[Supervisor]</c> class: its descriptor and its factory, reached through the type without a lookup or
/// reflection. User code does not implement or call it.
/// </summary>
/// <remarks>
/// Not generic on purpose: the metadata name of an explicit implementation spells the interface, so
/// members of <see cref="IProcessBehaviour{TSelf}"/> would cost every behaviour its own long names
/// (<c>Typed.IProcessBehaviour&lt;Ns.Counter&gt;.get_Descriptor</c>), where these are one shared name
/// for all of them.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDescribedBehaviour
{
    /// <summary>The generated descriptor of the behaviour (a <see cref="BehaviourDescriptor{T}"/> of the class itself).</summary>
    static abstract BehaviourDescriptor Descriptor { get; }

    /// <summary>
    /// Builds a new instance, its constructor dependencies taken from <paramref name="services"/>: generated
    /// on every <c>[Process]</c> class (one method, where a factory delegate would cost a closure class per
    /// behaviour). A descriptor created with a factory of its own does not call it.
    /// </summary>
    /// <param name="services">Where the constructor's dependencies come from.</param>
    /// <exception cref="NotSupportedException">The behaviour does not implement it and its descriptor has no factory.</exception>
    static virtual IProcessBehaviour Create(IServiceProvider services) =>
        throw new NotSupportedException("The behaviour does not implement IDescribedBehaviour.Create; its descriptor needs a factory");
}
