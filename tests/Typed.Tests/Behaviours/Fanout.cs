using Typed;
using Typed.Tests.Rpc;

namespace Typed.Tests.Behaviours;

/// <summary>
/// Serves one call by calling a <see cref="Budget"/> on another node, casting to a <see cref="Tally"/>
/// there and calling an RPC function there: one request that fans out over the cluster.
/// </summary>
[Process]
public partial class Fanout
{
    [Call]
    public async ValueTask<int> Fan(string node)
    {
        await Context.Node.At<Budget>("budget", node).Left();
        Context.Node.At<Tally>("tally", node).Bump();
        return await Maths.On(Context.Node, node).Add(20, 22);
    }

    [Call]
    public int Ping() => 1;

    [Call]
    public async Task<int> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }
}

/// <summary>Counts the casts it gets; <see cref="Stall"/> holds its mailbox until the test opens the gate.</summary>
[Process]
public partial class Tally(Gate gate)
{
    int _count;

    [Cast]
    public void Bump() => _count++;

    [Cast]
    public Task Stall() => gate.Task;

    [Call]
    public int Count() => _count;
}
