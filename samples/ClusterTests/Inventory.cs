using Typed;

namespace ClusterTests;

/// <summary>The service under test: a stock count, registered as a global name so any node finds it.</summary>
[Process]
public partial class Inventory
{
    readonly Dictionary<string, int> _stock = [];

    /// <summary>Adds <paramref name="count"/> of <paramref name="item"/>; returns the new count.</summary>
    [Call]
    public int Add(string item, int count) => _stock[item] = _stock.GetValueOrDefault(item) + count;

    /// <summary>How many of <paramref name="item"/> there are.</summary>
    [Call]
    public int Count(string item) => _stock.GetValueOrDefault(item);
}
