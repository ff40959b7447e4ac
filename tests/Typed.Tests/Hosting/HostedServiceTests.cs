using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Typed.Hosting;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Hosting;

public class HostedServiceTests
{
    /// <summary>A background service that takes the node in its constructor, as users write them.</summary>
    sealed class Greeter(Node node, Journal journal) : BackgroundService
    {
        public TaskCompletionSource<int> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? NodeAtStop { get; private set; }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var store = node.Spawn(new Store.StartArgs("worker"));
            Stored.TrySetResult(await store.PutAsync("k", "v"));
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            // The node is still running while hosted services stop: it stops after them.
            NodeAtStop = node.ProcessCount > 0 ? "running" : "empty";
            journal.Write("greeter-stopped");
            await base.StopAsync(cancellationToken);
        }
    }

    [Fact]
    public async Task A_background_service_that_takes_Node_in_its_constructor_starts_and_uses_it()
    {
        var journal = new Journal();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddTyped(options => options.Name = "bg@127.0.0.1");
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Greeter>());
        using var host = builder.Build();

        await host.StartAsync();
        var greeter = host.Services.GetRequiredService<Greeter>();
        Assert.Equal(1, await Eventually.Within(greeter.Stored.Task));
        Assert.Same(host.Services.GetRequiredService<Node>(), await host.Services.GetRequiredService<INodeAccessor>().GetAsync());

        await host.StopAsync();

        Assert.Equal("running", greeter.NodeAtStop);
        Assert.Equal(0, host.Services.GetRequiredService<Node>().ProcessCount);
        Assert.Contains("worker:terminate:shutdown", journal.Entries);
    }

    [Fact]
    public async Task A_hosted_service_registered_before_AddTyped_gets_the_node_too()
    {
        var journal = new Journal();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddSingleton<Greeter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Greeter>());
        builder.Services.AddTyped(options => options.Name = "bg2@127.0.0.1");
        using var host = builder.Build();

        await host.StartAsync();
        Assert.Equal(1, await Eventually.Within(host.Services.GetRequiredService<Greeter>().Stored.Task));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_node_accessor_waits_for_the_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTyped(options => options.Name = "acc@127.0.0.1");
        using var host = builder.Build();
        var accessor = host.Services.GetRequiredService<INodeAccessor>();

        var pending = accessor.GetAsync();
        Assert.Null(accessor.Current);
        Assert.False(pending.IsCompleted);

        await host.StartAsync();
        Assert.Equal("acc@127.0.0.1", (await Eventually.Within(pending)).Name);
        await host.StopAsync();
    }
}

public class ProcessRefInjectionTests
{
    sealed class Users(ProcessRef<Store> plain, [FromKeyedServices("second")] ProcessRef<Store> second)
    {
        public ProcessRef<Store> Plain => plain;

        public ProcessRef<Store> Second => second;
    }

    [Fact]
    public async Task Named_process_refs_are_injectable_plainly_and_by_key()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new Journal());
        builder.Services.AddTyped(options => options.Name = "refs@127.0.0.1");
        builder.Services.AddProcessRef<Store>("first").AddProcessRef<Store>("second");
        builder.Services.AddSingleton<Users>();
        using var host = builder.Build();
        await host.StartAsync();
        var node = host.Services.GetRequiredService<Node>();
        node.Spawn(new Store.StartArgs("one"), new SpawnOptions { Name = "first" });
        node.Spawn(new Store.StartArgs("two"), new SpawnOptions { Name = "second" });

        var users = host.Services.GetRequiredService<Users>();
        Assert.Equal(1, await users.Plain.PutAsync("k", "v"));
        Assert.Equal(1, await users.Second.PutAsync("k", "v"));
        Assert.Equal("one", await users.Plain.Label());     // the first name registered is the plain one
        Assert.Equal("two", await users.Second.Label());
        Assert.Equal(node.WhereIs("second"), await users.Second.Whoami());

        await host.StopAsync();
    }
}
