using Typed.Testing;
using Typed;

namespace Typed.Tests.Distribution;

/// <summary>A voter: accepts even proposals, after a delay when told to be slow.</summary>
[Process]
public partial class Voter
{
    [Call]
    public async Task<bool> Vote(int proposal, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds, Context.Stopping);
        return proposal % 2 == 0;
    }
}

public class QuorumTests
{
    static async Task<TestCluster> FiveAsync()
    {
        var cluster = await Clusters.StartAsync(5, inMemory: true);
        await cluster.ConnectAllAsync();
        foreach (var node in cluster.Nodes)
        {
            node.Spawn<Voter>(new SpawnOptions { Name = "voter" });
        }

        return cluster;
    }

    static Func<string, CancellationToken, Task<bool>> Ask(Node from, int proposal, int delay = 0) =>
        async (member, cancellationToken) => await from.At<Voter>("voter", member).WithTimeout(TimeSpan.FromSeconds(5)).Vote(proposal, delay, cancellationToken);

    [Fact]
    public async Task A_proposal_most_accept_has_a_majority_and_one_most_refuse_has_none()
    {
        await using var cluster = await FiveAsync();
        var a = cluster.Nodes[0];
        var members = cluster.Nodes.Select(n => n.Name).ToList();

        var yes = await Quorum.ProposeAsync(members, Ask(a, 2), TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.Majority, yes.Outcome);
        Assert.True(yes.Accepted.Count >= 3);

        var no = await Quorum.ProposeAsync(members, Ask(a, 1), TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.NoMajority, no.Outcome);
        Assert.True(no.Refused.Count >= 3);
    }

    [Fact]
    public async Task Only_the_majority_side_of_a_partition_can_decide()
    {
        await using var cluster = await FiveAsync();
        var nodes = cluster.Nodes;
        var members = nodes.Select(n => n.Name).ToList();
        await cluster.PartitionAsync([nodes[0], nodes[1]], [nodes[2], nodes[3], nodes[4]]);

        var minority = await Quorum.ProposeAsync(members, Ask(nodes[0], 2), TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.NoMajority, minority.Outcome);
        Assert.Equal(3, minority.Unreachable.Count);

        var majority = await Quorum.ProposeAsync(members, Ask(nodes[2], 2), TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.Majority, majority.Outcome);
        Assert.Equal(3, majority.Accepted.Count);
    }

    [Fact]
    public async Task Votes_that_do_not_come_in_time_end_the_round_with_a_timeout()
    {
        await using var cluster = await FiveAsync();
        var a = cluster.Nodes[0];
        var result = await Quorum.ProposeAsync(cluster.Nodes.Select(n => n.Name), Ask(a, 2, delay: 3_000), TimeSpan.FromMilliseconds(200));
        Assert.Equal(QuorumOutcome.Timeout, result.Outcome);
        Assert.Empty(result.Accepted);
    }
}

/// <summary>The case: three members, one or two of them down.</summary>
public class QuorumOfThreeTests
{
    [Fact]
    public async Task With_one_of_three_down_a_majority_decides_and_with_two_down_none_can()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        await cluster.ConnectAllAsync();
        foreach (var node in cluster.Nodes)
        {
            node.Spawn<Voter>(new SpawnOptions { Name = "voter" });
        }

        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        var members = cluster.Nodes.Select(n => n.Name).ToList();
        Func<string, CancellationToken, Task<bool>> vote = async (member, ct) =>
            await a.At<Voter>("voter", member).WithTimeout(TimeSpan.FromSeconds(5)).Vote(2, 0, ct);

        await c.StopAsync();
        await Eventually.True(() => !a.Nodes.Contains(c.Name), "a sees c down");
        var one = await Quorum.ProposeAsync(members, vote, TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.Majority, one.Outcome);
        Assert.Equal(new[] { a.Name, b.Name }.Order(StringComparer.Ordinal), one.Accepted);

        await b.StopAsync();
        await Eventually.True(() => !a.Nodes.Contains(b.Name), "a sees b down");
        var two = await Quorum.ProposeAsync(members, vote, TimeSpan.FromSeconds(10));
        Assert.Equal(QuorumOutcome.NoMajority, two.Outcome);   // decided once b and c cannot vote, whatever a says
        Assert.Equal(new[] { b.Name, c.Name }.Order(StringComparer.Ordinal), two.Unreachable);
    }
}

/// <summary>A quorum whose members are a process group's processes.</summary>
public class GroupQuorumTests
{
    [Fact]
    public async Task The_members_of_a_group_vote_and_a_majority_of_them_decides()
    {
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        await cluster.ConnectAllAsync();
        var a = cluster.Nodes[0];
        foreach (var node in cluster.Nodes)
        {
            await node.Groups.JoinAsync("voters", node.Spawn<Voter>().Pid);
        }

        await Eventually.True(() => a.Groups.GetMembers("voters").Count == 3, "a sees three voters");
        var result = await Quorum.ProposeAsync(a.Groups, "voters", (pid, ct) => a.Ref<Voter>(pid).Vote(4, 0, ct).AsTask(), TimeSpan.FromSeconds(10));

        Assert.Equal(QuorumOutcome.Majority, result.Outcome);
        Assert.True(result.Accepted.Count >= 2);
        Assert.All(result.Accepted, m => Assert.Contains(a.Groups.GetMembers("voters"), p => p.ToString() == m));
        await Assert.ThrowsAsync<ArgumentException>(() => Quorum.ProposeAsync(a.Groups, "nobody", (_, _) => Task.FromResult(true), TimeSpan.FromSeconds(1)));
    }
}
