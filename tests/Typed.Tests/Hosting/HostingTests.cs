using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Hosting;

public class HostingTests
{
    [Fact]
    public async Task AddTyped_runs_a_node_with_the_host_and_injects_behaviour_dependencies()
    {
        var journal = new Journal();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddTyped(options =>
        {
            options.Name = "hosted@127.0.0.1";
            options.CallTimeout = TimeSpan.FromSeconds(2);
        });
        using var host = builder.Build();

        await host.StartAsync();
        var node = host.Services.GetRequiredService<Node>();
        var store = node.Spawn(new Store.StartArgs("hosted"));
        Assert.Equal(1, await store.PutAsync("k", "v"));
        Assert.Equal("hosted@127.0.0.1", node.Name);
        Assert.Equal(TimeSpan.FromSeconds(2), node.CallTimeout);

        await host.StopAsync();

        Assert.Equal(0, node.ProcessCount);
        Assert.Contains("hosted:terminate:shutdown", journal.Entries);
    }

    [Fact]
    public async Task The_host_starts_the_root_supervisor_and_stops_its_tree_in_order()
    {
        var journal = new Journal();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddTyped(options =>
        {
            options.Name = "tree@127.0.0.1";
            options.Supervise<OrderedTree>("app");
        });
        using var host = builder.Build();

        await host.StartAsync();
        var node = host.Services.GetRequiredService<Node>();
        var children = await node.At<OrderedTree>("app").WhichChildren();
        Assert.All(children, c => Assert.Equal(ChildStatus.Running, c.Status));

        await host.StopAsync();

        Assert.Equal(0, node.ProcessCount);
        var stops = journal.Entries.Where(e => e.StartsWith("stop:", StringComparison.Ordinal));
        Assert.Equal(children.Reverse().Select(c => $"stop:{c.Pid}:shutdown"), stops);
    }
}
