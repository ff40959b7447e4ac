using Typed.Testing;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution;

/// <summary>A process called by name on another node is named {name,node} in what the caller is told.</summary>
public class RemoteNameTests
{
    [Fact]
    public async Task A_timed_out_remote_call_by_name_names_the_callee_name_and_node_not_an_undefined_pid()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        b.Spawn<Budget>(new SpawnOptions { Name = "budget" });

        var ex = await Assert.ThrowsAsync<CallTimeoutException>(async () => await a.At<Budget>("budget", b.Name).WithTimeout(TimeSpan.FromMilliseconds(200)).Wait());

        var expected = "{budget," + b.Name + "}";
        Assert.Equal(expected, ex.Callee);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_call_by_name_to_no_process_names_the_callee_name_and_node()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        var ex = await Assert.ThrowsAsync<ProcessExitedException>(async () => await a.At<Budget>("nobody", b.Name).Left());

        Assert.Equal(ExitReason.NoProc, ex.Reason);
        Assert.Contains("{nobody," + b.Name + "}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", ex.Message, StringComparison.Ordinal);
    }
}
