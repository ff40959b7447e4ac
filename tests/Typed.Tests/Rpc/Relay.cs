namespace Typed.Tests.Rpc;

/// <summary>A process that makes RPC calls from its handlers.</summary>
[Process]
public partial class Relay
{
    [Call] public ValueTask<int> AddOn(string node, int a, int b) => Maths.On(Context.Node, node).Add(a, b);

    [Call] public ValueTask<Pid> WhereOn(string node) => Probe.On(Context.Node, node).Self();
}
