using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>A process that holds global names and writes down the name conflicts it is told of.</summary>
[Process]
public partial class Claimant(Journal journal)
{
    [Call]
    public string Where() => Context.Node.Name;

    [Info]
    public void Handle(GlobalNameConflict conflict) => journal.Write($"conflict {conflict.Name} {Context.Self} other {conflict.Other}");
}
