using System.Globalization;
using MemoryPack;

namespace Typed;

/// <summary>
/// Names one monitor (Erlang's monitor reference): returned by <see cref="ProcessContext.Monitor(Pid)"/>
/// and carried by the <see cref="Down"/> message it produces.
/// </summary>
[MemoryPackable]
public readonly partial record struct MonitorRef
{
    /// <summary>Creates a reference; normally the runtime makes them.</summary>
    /// <param name="node">The node that created the monitor.</param>
    /// <param name="id">A number unique on that node.</param>
    [MemoryPackConstructor]
    public MonitorRef(string node, ulong id)
    {
        Node = node;
        Id = id;
    }

    /// <summary>The node that created the monitor.</summary>
    public string Node { get; }

    /// <summary>A number unique on that node.</summary>
    public ulong Id { get; }

    /// <summary>Prints the reference as <c>#Ref&lt;node.id&gt;</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#Ref<{Node}.{Id}>");
}
