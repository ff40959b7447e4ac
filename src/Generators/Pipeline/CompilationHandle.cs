using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Typed.Generators.Pipeline;

/// <summary>
/// A weak handle on the compilation of one generator run, stamped in creation order, so that the
/// steps that need symbols can find the current compilation without the pipeline holding one.
/// </summary>
/// <remarks>
/// Design note. Roslyn re-runs every step whose inputs include the compilation on every edit, and a
/// semantic transform (even <c>ForAttributeWithMetadataName</c>'s) runs for every matched declaration
/// each time: O(N) binding per keystroke. So the pipeline compares inputs by what a model can depend on
/// instead (<see cref="TreeInput"/> by syntax tree identity, <see cref="SemanticVersion"/> by the
/// declarations outside member bodies), and a step that does re-run takes the newest handle of its
/// inputs: at least one input changed in this run, so the newest handle is this run's compilation,
/// alive while the driver runs. A handle is weak and holds no trees: an unchanged entry keeps an old
/// handle, and must never keep an old compilation (or its trees) alive.
/// </remarks>
internal sealed class CompilationHandle
{
    static long s_stamps;

    readonly WeakReference<Compilation> _compilation;

    public CompilationHandle(Compilation compilation)
    {
        _compilation = new WeakReference<Compilation>(compilation);
        Stamp = Interlocked.Increment(ref s_stamps);
        References = compilation.References.ToImmutableArray();
        Options = compilation.Options;
    }

    /// <summary>Larger for a handle made later: the newer of two handles is the later run's.</summary>
    public long Stamp { get; }

    /// <summary>The compilation's references: a model may depend on any type they declare.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The compilation's options (nullable context, assembly name...).</summary>
    public CompilationOptions Options { get; }

    /// <summary>The newer of two handles.</summary>
    public static CompilationHandle Newer(CompilationHandle a, CompilationHandle b) => a.Stamp >= b.Stamp ? a : b;

    /// <summary>The compilation; it is alive while the run that made the newest handle of a step's inputs lasts.</summary>
    public Compilation Compilation =>
        _compilation.TryGetTarget(out var compilation)
            ? compilation
            : throw new InvalidOperationException("The compilation of this generator run is no longer alive");
}
