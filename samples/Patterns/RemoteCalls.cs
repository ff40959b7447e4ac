namespace Typed.Samples.Patterns;

/// <summary>
/// Remote procedure calls, each Erlang <c>rpc</c> form: call, call with a timeout, async call and
/// yield, multicall, cast, a cast to every node (<c>rpc:eval_everywhere</c>), and a parallel map over
/// the nodes (<c>rpc:pmap</c>).
/// </summary>
public static class RemoteCalls
{
    public static async Task RunAsync(CancellationToken ct)
    {
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", []), ("c@127.0.0.1", [])], ct);
        var a = nodes.A;
        const string B = "b@127.0.0.1";

        Console.WriteLine($"rpc:call      Square(7) on b -> {await Calc.On(a, B).Square(7, ct)}");
        try
        {
            await Calc.On(a, B).WithTimeout(TimeSpan.FromMilliseconds(100)).Slow(5_000, ct);
        }
        catch (CallTimeoutException)
        {
            Console.WriteLine("rpc:call      Slow(5000) on b with a 100 ms timeout -> timed out (and b's call was cancelled)");
        }

        var promise = Calc.Async(a, B).Square(8);
        Console.WriteLine($"rpc:async_call Square(8) on b, then rpc:yield -> {await promise}");

        string[] everyone = [a.Name, .. a.Nodes.Order(StringComparer.Ordinal)];
        var all = await Calc.Multicall(a, everyone).Node(ct);
        Console.WriteLine($"rpc:multicall Node() -> {string.Join(", ", all.Values.Select(v => v.Value))}; bad nodes: {all.BadNodes.Count}");

        Calc.Cast(a, B).Announce("a cast from a");
        Console.WriteLine("rpc:cast      Announce(...) on b -> returned at once");
        foreach (var node in a.Nodes)
        {
            Calc.Cast(a, node).Announce("to every node, from a");
        }

        Console.WriteLine($"rpc:eval_everywhere Announce(...) -> cast to {a.Nodes.Count} nodes");

        var squares = await Task.WhenAll(Enumerable.Range(1, 6).Select(x => Calc.On(a, everyone[x % everyone.Length]).Square(x, ct).AsTask()));
        Console.WriteLine($"rpc:pmap      Square over 1..6 -> {string.Join("; ", squares)}");
    }
}
