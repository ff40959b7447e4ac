namespace Typed.Samples.Patterns;

/// <summary>
/// A distributed supervisor (Erlang: a supervisor whose child start function is
/// <c>spawn_link(Node, ...)</c>, or a distributed application's failover): the child runs on b; kill
/// b's OS process and the child, gone with <c>noconnection</c>, is restarted on c.
/// </summary>
public static class DistributedSupervisor
{
    public static async Task RunAsync(CancellationToken ct)
    {
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", []), ("c@127.0.0.1", [])], ct);
        var a = nodes.A;
        var keeper = a.Spawn<Keeper>();
        var first = await keeper.StartChild(ChildSpec.Of<Tally>("tally").On(Placement.Preferred(["b@127.0.0.1", "c@127.0.0.1"])), ct);
        var tally = a.Ref<Tally>(first);
        Console.WriteLine($"Keeper on a started 'tally' on {await tally.Where(ct)} ({first}); Add(5) -> {await tally.Add(5, ct)}");

        var killed = System.Diagnostics.Stopwatch.StartNew();
        nodes["b@127.0.0.1"].Kill();
        Console.WriteLine("killed b's OS process (kill -9)");
        Pid moved;
        while ((moved = (await keeper.WhichChildren(ct)).Single().Pid).IsEmpty || moved.Node == "b@127.0.0.1")
        {
            await Task.Delay(10, ct);
        }

        var again = a.Ref<Tally>(moved);
        Console.WriteLine($"'tally' came back on {await again.Where(ct)} ({moved}) {killed.ElapsedMilliseconds} ms later; a fresh start: Add(1) -> {await again.Add(1, ct)}");
    }
}
