using Typed;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Services;

/// <summary>A user process that, as it stops, writes which system services are still running.</summary>
[Process]
public partial class ServiceWitness(Journal journal)
{
    /// <summary>Traps exits, so its terminate hook runs when the node stops it.</summary>
    [Init]
    public void Init() => Context.TrapExits = true;

    [Call]
    public int Ping() => 1;

    [Terminate]
    public void Terminate(ExitReason reason)
    {
        var node = Context.Node;
        string[] names = ["global_name_server", "pg", "rex", "kernel_sup"];
        journal.Write("witness:" + string.Join(",", names.Where(n => node.WhereIs(n) is not null)));
    }
}
