namespace Typed.Samples.Diagnostics;

// TYP1002: handler signatures that cannot become a message.
[Process]
public partial class Ledger
{
    [Call] public bool TryGet(string account, out decimal balance) { balance = 0; return false; }

    [Cast] public async void Audit() => await Task.Delay(10);

    [Info] public void On(Deposit first, Deposit second) { }
}
