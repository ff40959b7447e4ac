using Typed.Processes;
using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Routing;

/// <summary>The router alone decides local or remote: the same operations on local and remote targets.</summary>
public class RouterTests
{
    static Typed.CompilerServices.BehaviourDescriptor DescriptorOf<T>()
        where T : class, IProcessBehaviour<T> => T.Descriptor;

    static int PingId => DescriptorOf<Worker>().Messages.Single(m => m.Handler == "Ping").Id;

    [Fact]
    public async Task Calls_and_sends_reach_a_local_cell_a_local_name_and_a_remote_pid_or_name_alike()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var local = a.Spawn<Worker>(new SpawnOptions { Name = "w" });
        var remote = b.Spawn<Worker>(new SpawnOptions { Name = "w" });
        var router = a.Router;

        object[] targets =
        [
            a.FindLocal(local.Pid)!,
            new ProcessAddress(a, "w", a.Name),
            new ProcessAddress(a, remote.Pid),
            new ProcessAddress(a, "w", b.Name),
        ];
        foreach (var target in targets)
        {
            Assert.Equal(1, await router.Call<Typed.CompilerServices.NoArgs, int>(target, DescriptorOf<Worker>(), default, PingId, Typed.CompilerServices.NoArgs.Instance, default));
        }
    }

    [Fact]
    public async Task A_remote_target_of_a_node_that_is_not_distributed_fails_with_node_down()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;

        var call = node.Router.Call<Typed.CompilerServices.NoArgs, int>(new ProcessAddress(node, "w", "elsewhere@127.0.0.1"), DescriptorOf<Worker>(), default, PingId, Typed.CompilerServices.NoArgs.Instance, default);

        await Assert.ThrowsAsync<NodeDownException>(async () => await call);
    }

    [Fact]
    public async Task Links_and_monitors_to_gone_processes_report_noproc_locally_and_across_nodes()
    {
        await using var cluster = await Clusters.StartAsync(2, inMemory: true);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var gone = b.Spawn<Worker>();
        b.Exit(gone.Pid, ExitReason.Kill);
        await Eventually.True(() => !b.Processes.Contains(gone.Pid), "the remote process is gone");
        var goneHere = a.Spawn<Worker>();
        a.Exit(goneHere.Pid, ExitReason.Kill);
        await Eventually.True(() => !a.Processes.Contains(goneHere.Pid), "the local process is gone");

        var watcher = a.Spawn<Worker>();
        await watcher.Watch(gone.Pid);
        await watcher.Watch(goneHere.Pid);

        await Eventually.True(async () => (await watcher.Seen()).Count == 2, "two downs");
        Assert.Equal([$"down:{gone.Pid.Id}:noproc", $"down:{goneHere.Pid.Id}:noproc"], (await watcher.Seen()).Order());
    }
}
