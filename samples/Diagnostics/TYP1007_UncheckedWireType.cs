namespace Typed.Samples.Diagnostics;

// TYP1007: MemoryPack reads a class with settable members with its own code, trusting what a peer
// sends; Typed reads the positional record checked.
[MemoryPackable]
public partial class Order
{
    public string Id { get; set; } = "";
}

[MemoryPackable]
public partial record Invoice(string Id, decimal Total);

[Process]
public partial class Warehouse
{
    [Cast] public void Add(Order order) { }

    [Cast] public void Bill(Invoice invoice) { }
}
