namespace Typed.Samples.Diagnostics;

// TYP1003: messages cross nodes as MemoryPack bytes; these types have no formatter.
public record Withdrawal(string Account, decimal Amount);

[MemoryPackable]
public partial record Deposit(string Account, decimal Amount);

[Process]
public partial class Teller
{
    [Info] public void On(Withdrawal withdrawal) { }

    [Call] public int Run(Func<int> work) => work();
}
