using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Passes a call on to a <see cref="Budget"/> on another node, adding nothing of its own.</summary>
[Process]
public partial class Hop
{
    [Call]
    public ValueTask<TimeSpan?> Relay(string node) => Context.Node.At<Budget>("budget", node).Left();

    [Call]
    public ValueTask<int> RelayWait(string node) => Context.Node.At<Budget>("budget", node).Wait();

    [Call]
    public int Ping() => 1;
}
