namespace Typed.Samples.Diagnostics;

// TYP2005: Orders waits for Stock while Stock waits for Orders.
[Process]
public partial class Orders(ProcessRef<Stock> stock)
{
    [Call] public async Task<bool> Place(int sku) => await stock.Reserve(sku);

    [Call] public int Pending() => 0;
}

[Process]
public partial class Stock(ProcessRef<Orders> orders)
{
    [Call] public async Task<bool> Reserve(int sku) => await orders.Pending() < 10;
}
