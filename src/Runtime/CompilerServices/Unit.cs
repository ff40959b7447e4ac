using System.ComponentModel;
using MemoryPack;

namespace Typed.CompilerServices;

/// <summary>The reply of a <c>[Call]</c> handler that returns nothing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[MemoryPackable]
public readonly partial struct Unit : IEquatable<Unit>
{
    /// <inheritdoc />
    public bool Equals(Unit other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <summary>Always true.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always false.</summary>
    public static bool operator !=(Unit left, Unit right) => false;
}
