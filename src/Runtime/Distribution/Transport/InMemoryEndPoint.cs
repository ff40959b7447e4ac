using System.Net;

namespace Typed.Distribution.Transport;

/// <summary>Where a node listens on an <see cref="InMemoryNetwork"/>: its name.</summary>
/// <param name="node">The node's full name.</param>
public sealed class InMemoryEndPoint(string node) : EndPoint
{
    /// <summary>The node's full name.</summary>
    public string Node { get; } = node;

    /// <inheritdoc />
    public override string ToString() => "mem:" + Node;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is InMemoryEndPoint other && other.Node == Node;

    /// <inheritdoc />
    public override int GetHashCode() => Node.GetHashCode(StringComparison.Ordinal);
}
