using Typed.Testing;
using Typed.Tests.Distribution;

namespace Typed.Tests.Rpc;

/// <summary>The README's RPC usage block, line for line, on a two-node cluster whose second node is b@127.0.0.1.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_rpc_example_runs()
    {
        await using var cluster = await Clusters.StartAsync(2, (i, o) => o.Name = i == 0 ? "readme-a@127.0.0.1" : "b@127.0.0.1");
        var node = cluster.Nodes[0];
        await node.ConnectAsync("b@127.0.0.1");
        var output = new StringWriter();

        // From here: the README block.
        int s = await Maths.On(node, "b@127.0.0.1").Add(1, 2);                          // rpc:call: runs in a fresh process on b
        string t = await Maths.On(node, "b@127.0.0.1").WithTimeout(TimeSpan.FromSeconds(1)).Slow(10);
        Maths.Cast(node, "b@127.0.0.1").Add(1, 2);                                      // rpc:cast: returns at once
        RpcPromise<int> p = Maths.Async(node, "b@127.0.0.1").Add(1, 2);                 // rpc:async_call
        int later = await p;                                                            // rpc:yield; p.TryGet(out v) is nb_yield
        MulticallResult<int> all = await Maths.Multicall(node, node.Nodes).Add(1, 2);   // rpc:multicall
        foreach (var (name, value) in all.Values) output.WriteLine($"{name}: {value}");
        output.WriteLine($"failed: {all.Failures.Count}, bad nodes: {string.Join(", ", all.BadNodes)}");
        try
        {
            await Maths.On(node, "b@127.0.0.1").Fail("no");
        }
        catch (RemoteException ex)                                                      // raised there: type, message, stack text
        {
            output.WriteLine($"{ex.ExceptionType}: {ex.RemoteMessage}");
        }

        // To here.
        Assert.Equal((3, "done", 3), (s, t, later));
        Assert.Equal(
            $"b@127.0.0.1: 3{Environment.NewLine}failed: 0, bad nodes: {Environment.NewLine}System.InvalidOperationException: no{Environment.NewLine}",
            output.ToString());
    }
}
