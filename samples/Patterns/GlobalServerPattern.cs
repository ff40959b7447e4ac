namespace Typed.Samples.Patterns;

/// <summary>
/// A global server with a resolve function (Erlang: <c>global:register_name(leader, Pid, Resolve)</c>):
/// b and c each register <c>leader</c> while they have not met; when they meet, the resolve function
/// (here: the process on the node first by name) keeps one, on every node alike, and the loser is told.
/// </summary>
public static class GlobalServerPattern
{
    public static async Task RunAsync(CancellationToken ct)
    {
        // b and c start apart: each registers its leader alone, so both succeed.
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", ["--leader"]), ("c@127.0.0.1", ["--leader"])], ct, connect: false);
        var a = nodes.A;
        await a.ConnectAsync("c@127.0.0.1", ct);
        await Nodes.Until(() => a.Global.WhereIs("leader") is not null, ct);   // c's table reaches a as they meet
        Console.WriteLine($"a met c: 'leader' -> {a.Global.WhereIs("leader")} (c's, the only one a knows)");

        // Meeting b makes b and c meet too (the mesh): two pids for one name, settled by the resolve function.
        await a.ConnectAsync("b@127.0.0.1", ct);
        await Nodes.Until(() => a.Nodes.Count == 2, ct);
        await a.Global.SyncAsync(ct);
        var leader = a.Global.WhereIs("leader");
        Console.WriteLine($"a met b, and b met c: 'leader' -> {leader} (kept by '{Nodes.FirstByName}': b before c)");

        var loser = a.At<Leader>("leader", "c@127.0.0.1");
        while (await loser.Status(ct) == "leader")
        {
            await Task.Delay(10, ct);
        }

        Console.WriteLine($"c's candidate was told: {await loser.Status(ct)}");
        var onC = await Calc.On(a, "c@127.0.0.1").WhereIs("leader", ct);
        Console.WriteLine($"c sees 'leader' -> {onC}; every node agrees: {onC == leader?.ToString()}");
    }
}
