using Typed;
using Typed.Testing;

namespace ClusterTests;

/// <summary>What the inventory service does when the network fails: each test is a scenario to copy.</summary>
public class FailoverTests
{
    [Fact]
    public async Task Every_node_finds_the_service_by_its_global_name()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var inventory = cluster[1].Spawn<Inventory>();
        Assert.True(await cluster[1].Global.RegisterAsync("inventory", inventory.Pid));

        await cluster.WaitForGlobalNameAsync("inventory");
        var expected = 0;
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(++expected, await node.Global.At<Inventory>("inventory").Add("bolts", 1));
        }
    }

    [Fact]
    public async Task A_caller_cut_off_from_the_service_fails_fast_and_works_again_after_the_heal()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, b) = (cluster[0], cluster[1]);
        var inventory = a.Ref<Inventory>(b.Spawn<Inventory>().Pid).WithTimeout(TimeSpan.FromSeconds(2));
        Assert.Equal(5, await inventory.Add("nuts", 5));

        cluster.Partition([a], [b]);
        await Assert.ThrowsAnyAsync<TypedException>(async () => await inventory.Count("nuts"));

        cluster.Heal();
        await cluster.ConnectAllAsync();
        Assert.Equal(5, await inventory.Count("nuts"));   // the service kept its state
    }

    [Fact]
    public async Task When_the_services_node_dies_its_name_goes_and_a_new_one_can_take_it()
    {
        await using var cluster = await TestCluster.StartAsync(3);
        var (a, c) = (cluster[0], cluster[2]);
        Assert.True(await c.Global.RegisterAsync("inventory", c.Spawn<Inventory>().Pid));
        await cluster.WaitForGlobalNameAsync("inventory");

        await cluster.KillAsync(c);
        await cluster.WaitUntilAsync(() => cluster.Nodes.All(n => n.Global.WhereIs("inventory") is null), "the name goes with its node");

        Assert.True(await a.Global.RegisterAsync("inventory", a.Spawn<Inventory>().Pid));
        var moved = await cluster.WaitForGlobalNameAsync("inventory");
        Assert.Equal(a.Name, moved.Node);
    }
}
