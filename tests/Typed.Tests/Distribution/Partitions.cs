using Typed.Distribution.Transport;

namespace Typed.Tests.Distribution;

/// <summary>Cuts a cluster on an in-memory network in two and joins it again: the network refuses their connections meanwhile.</summary>
internal static class Partitions
{
    public static async Task SplitAsync(InMemoryNetwork network, IReadOnlyList<Node> left, IReadOnlyList<Node> right)
    {
        network.Partition(left.Select(n => n.Name), right.Select(n => n.Name));

        await Eventually.True(
            () => left.All(l => right.All(r => !l.Nodes.Contains(r.Name) && !r.Nodes.Contains(l.Name))),
            "the two sides see each other down");
    }

    public static async Task HealAsync(InMemoryNetwork network, IReadOnlyList<Node> left, IReadOnlyList<Node> right)
    {
        network.Heal();

        foreach (var l in left)
        {
            foreach (var r in right)
            {
                Assert.True(await l.ConnectAsync(r.Name), $"{l.Name} reconnects to {r.Name}");
            }
        }
    }

    /// <summary>Connects every node to every other and waits for the full mesh.</summary>
    public static async Task MeshAsync(IReadOnlyList<Node> nodes)
    {
        foreach (var a in nodes)
        {
            foreach (var b in nodes)
            {
                if (a != b)
                {
                    Assert.True(await a.ConnectAsync(b.Name), $"{a.Name} connects to {b.Name}");
                }
            }
        }

        var deadline = Environment.TickCount64 + 10_000;
        while (!nodes.All(n => n.Nodes.Count == nodes.Count - 1))
        {
            Assert.True(Environment.TickCount64 < deadline, "no full mesh: " + string.Join("; ", nodes.Select(n => n.Name + " sees " + string.Join(",", n.Nodes))));
            await Task.Delay(5);
        }
    }
}
