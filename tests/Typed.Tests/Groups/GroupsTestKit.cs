using Typed.Testing;
using Typed.Tests.Distribution;

namespace Typed.Tests.Groups;

/// <summary>Meshed in-process clusters for the group tests.</summary>
internal static class GroupsTestKit
{
    /// <summary>Starts <paramref name="count"/> nodes and connects them into a full mesh.</summary>
    public static async Task<TestCluster> StartMeshAsync(int count = 3)
    {
        var cluster = await Clusters.StartAsync(count);
        await cluster.ConnectAllAsync();
        return cluster;
    }

    /// <summary>The group's members as a node sees them, sorted, as text.</summary>
    public static string Members(this ProcessGroups groups, string group) =>
        string.Join(" ", groups.GetMembers(group).Select(p => p.ToString()).Order(StringComparer.Ordinal));

    /// <summary>The expected text of <see cref="Members(ProcessGroups, string)"/>.</summary>
    public static string Sorted(params Pid[] pids) => string.Join(" ", pids.Select(p => p.ToString()).Order(StringComparer.Ordinal));

    /// <summary>Waits until every node's view of <paramref name="group"/> in <paramref name="scope"/> is exactly <paramref name="pids"/>.</summary>
    public static Task Converged(IEnumerable<Node> nodes, string scope, string group, params Pid[] pids)
    {
        var expected = Sorted(pids);
        var list = nodes.ToList();
        return Eventually.True(
            () => list.All(n => n.GroupScope(scope).Members(group) == expected),
            $"every node sees {scope}/{group} = [{expected}]",
            5_000);
    }
}
