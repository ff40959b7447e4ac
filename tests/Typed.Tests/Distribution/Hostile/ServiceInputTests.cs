using Typed.Groups;
using Typed.Registry.Global;
using Typed.Testing;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// Anyone may send the cluster services a NodeUp, as anyone may send <c>{nodeup, Node}</c> in Erlang:
/// one that names no node is ignored with a log line, and the service keeps running (the process
/// fuzzer found global_name_server and pg crashing on them until the kernel supervisor gave up).
/// </summary>
public class ServiceInputTests
{
    [Theory]
    [InlineData("global_name_server")]
    [InlineData("pg")]
    public async Task A_NodeUp_that_names_no_node_leaves_the_service_running(string service)
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var before = node.WhereIs(service);
        Assert.NotNull(before);

        foreach (var name in (string[])["", "no-at-sign", "@", new string('x', 300) + "@h"])
        {
            node.Send(before.Value, new NodeUp(name));
        }

        // Then a call through the same mailbox: when it answers, the messages before it were handled.
        if (service == "pg")
        {
            var scope = node.Ref<ScopeServer>(before.Value);
            Assert.True(await scope.EndMonitor(new MonitorRef(node.Name, 12345)) is false);
        }
        else
        {
            var server = node.Ref<GlobalServer>(before.Value);
            Assert.NotNull(await server.Sync(new GlobalTable([], [])));
        }

        Assert.Equal(before, node.WhereIs(service));
    }
}
