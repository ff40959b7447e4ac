using Sample;
using Typed;

namespace Typed.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Counter_round_trip()
    {
        await using var node = await Node.StartAsync(new NodeOptions { Name = "a@127.0.0.1" });
        var c = node.Spawn(new Counter.StartArgs(10));
        Assert.Equal(10, await c.Get());
        Assert.Equal(15, await c.Add(5));
        c.Reset();
        Assert.Equal(0, await c.Get());
        node.Exit(c.Pid, ExitReason.Kill);
        var reason = await node.WaitForExitAsync(c.Pid);
        await Assert.ThrowsAsync<ProcessExitedException>(async () => await c.Get());
    }
}
