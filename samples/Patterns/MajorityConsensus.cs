namespace Typed.Samples.Patterns;

/// <summary>
/// Majority consensus (Erlang: a propose/vote round over the nodes, accepted when more than half
/// agree): every node's <see cref="Voter"/> votes; with c gone two of three still decide, with b gone
/// too no majority is possible and none is claimed.
/// </summary>
public static class MajorityConsensus
{
    public static async Task RunAsync(CancellationToken ct)
    {
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", []), ("c@127.0.0.1", [])], ct);
        var a = nodes.A;
        a.Spawn<Voter>(new SpawnOptions { Name = "voter" });
        string[] members = [a.Name, "b@127.0.0.1", "c@127.0.0.1"];
        Func<string, CancellationToken, Task<bool>> Ask(string proposal) =>
            async (member, token) => await a.At<Voter>("voter", member).WithTimeout(TimeSpan.FromSeconds(5)).Vote(proposal, token);

        await Propose("v1 (all three up)", "v1");
        await Propose("x2 (one the voters refuse)", "x2");

        nodes["c@127.0.0.1"].Kill();
        await Nodes.Until(() => a.Nodes.Count == 1, ct);
        await Propose("v3 with c killed", "v3");

        nodes["b@127.0.0.1"].Kill();
        await Nodes.Until(() => a.Nodes.Count == 0, ct);
        await Propose("v4 with b killed too", "v4");

        async Task Propose(string what, string proposal)
        {
            var result = await Quorum.ProposeAsync(members, Ask(proposal), TimeSpan.FromSeconds(10), ct);
            Console.WriteLine($"propose {what}: {result.Outcome} (accepted by {Names(result.Accepted)}; refused by {Names(result.Refused)}; unreachable {Names(result.Unreachable)})");
        }

        static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
