using Typed.Processes;

namespace Typed.Registry.Global;

/// <summary>What a <see cref="ProcessRef{T}"/> from <see cref="GlobalNames.At{T}(string)"/> names: a global name, looked up at every use.</summary>
internal sealed class GlobalAddress(Node node, string name)
{
    public Node Node => node;

    public string Name => name;

    public Pid Pid => node.Global.WhereIs(name) ?? default;

    /// <summary>The target of the process holding the name now: a local cell or a remote address; null when none holds it.</summary>
    public object? Resolve()
    {
        var pid = Pid;
        if (pid.IsEmpty)
        {
            return null;
        }

        return node.FindLocal(pid) is { } cell ? cell : new ProcessAddress(node, pid);
    }

    public override string ToString() => "{global," + name + "}";
}
