namespace Typed.Processes;

/// <summary>
/// A process named by pid on another node, or by registered name (Erlang's <c>{Name, Node}</c>),
/// resolved at every send as Erlang does. Local processes known by pid are addressed through their
/// <see cref="ProcessCell"/> directly.
/// </summary>
internal sealed class ProcessAddress
{
    public ProcessAddress(Node? node, Pid pid)
    {
        Node = node;
        Pid = pid;
        NodeName = pid.Node;
    }

    public ProcessAddress(Node node, string name, string nodeName)
    {
        Node = node;
        Name = name;
        NodeName = nodeName;
    }

    /// <summary>The node messages are sent from; null for a ref read from bytes outside any node.</summary>
    public Node? Node { get; }

    /// <summary>The pid, for a pid address.</summary>
    public Pid Pid { get; }

    /// <summary>The registered name, for a name address.</summary>
    public string? Name { get; }

    /// <summary>The node the process lives on.</summary>
    public string NodeName { get; }

    public override string ToString() => Name is null ? Pid.ToString() : "{" + Name + "," + NodeName + "}";
}
