namespace Typed.Samples.Diagnostics;

// TYP2001: the reply to a call to yourself must pass through the mailbox you are holding.
[Process]
public partial class Cart
{
    [Call] public decimal Total() => 42m;

    [Call] public async Task<decimal> TotalWithTax() => await Self.Total() * 1.2m;
}
