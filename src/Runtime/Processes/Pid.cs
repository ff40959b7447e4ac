using System.Globalization;
using MemoryPack;

namespace Typed;

/// <summary>
/// A process identifier (Erlang's <c>pid()</c>): the node the process lives on, its number on
/// that node and the node's creation (which incarnation of the node name spawned it).
/// A pid is a plain value: it can be stored, compared, put in messages and sent to other nodes,
/// and it still names the same process there. Printed as <c>&lt;node.id.creation&gt;</c>.
/// </summary>
[MemoryPackable]
public readonly partial struct Pid : IEquatable<Pid>, ISpanFormattable
{
    /// <summary>Creates a pid. Normally pids come from spawning; this is for tests and tools.</summary>
    /// <param name="node">The full name of the node the process lives on, like <c>a@127.0.0.1</c>.</param>
    /// <param name="id">The process number on that node (never zero for a real process).</param>
    /// <param name="creation">The creation of the node incarnation that spawned the process.</param>
    [MemoryPackConstructor]
    public Pid(string node, ulong id, uint creation)
    {
        // Only the empty pid (the default value, as read back from bytes) has no node.
        if (node is null && (id != 0 || creation != 0))
        {
            throw new ArgumentNullException(nameof(node));
        }

        Node = node!;
        Id = id;
        Creation = creation;
    }

    /// <summary>The full name of the node the process lives on.</summary>
    public string Node { get; }

    /// <summary>The process number on its node.</summary>
    public ulong Id { get; }

    /// <summary>The creation of the node incarnation that spawned the process.</summary>
    public uint Creation { get; }

    /// <summary>True for the default value, which names no process.</summary>
    [MemoryPackIgnore]
    public bool IsEmpty => Id == 0 && Node is null;

    /// <inheritdoc />
    public bool Equals(Pid other) =>
        Id == other.Id && Creation == other.Creation && string.Equals(Node, other.Node, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Pid other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Creation, Node);

    /// <summary>Compares two pids by value.</summary>
    public static bool operator ==(Pid left, Pid right) => left.Equals(right);

    /// <summary>Compares two pids by value.</summary>
    public static bool operator !=(Pid left, Pid right) => !left.Equals(right);

    /// <summary>Prints the pid as <c>&lt;node.id.creation&gt;</c>, for example <c>&lt;a@host.42.1&gt;</c>.</summary>
    public override string ToString() => ToString(null, null);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        string.Create(CultureInfo.InvariantCulture, $"<{Node ?? "undefined"}.{Id}.{Creation}>");

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"<{Node ?? "undefined"}.{Id}.{Creation}>", out charsWritten);
}
