namespace Typed.Samples.Patterns;

/// <summary>
/// A partition handler (Erlang: <c>net_kernel:monitor_nodes(true)</c> against a list of expected
/// nodes, reconnect with <c>net_adm:ping</c>, then <c>global:sync()</c>): c freezes (SIGSTOP, its
/// sockets open but silent), a detects the partition at the tick, c thaws, a reconnects, the partition
/// heals and the global registry syncs by itself: a name registered meanwhile reaches c.
/// </summary>
public static class PartitionHandler
{
    const string B = "b@127.0.0.1", C = "c@127.0.0.1";

    public static async Task RunAsync(CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            Console.WriteLine("skipped: freezing a node needs SIGSTOP");
            return;
        }

        string[] tick = ["--tick-ms", "1000"];
        await using var nodes = await Nodes.StartAsync([(B, tick), (C, tick)], ct, options =>
        {
            options.Distribution.TickTime = TimeSpan.FromSeconds(1);
            options.Cluster.ExpectedNodes.UnionWith(["a@127.0.0.1", B, C]);
        });
        var a = nodes.A;
        using var changes = a.Cluster.Subscribe(change => Console.WriteLine($"a's view: {change}"));
        await a.Cluster.WaitUntilWholeAsync(ct);
        Console.WriteLine($"a expects {string.Join(", ", a.Cluster.Expected)} and sees them all: whole");

        nodes[C].Freeze();
        Console.WriteLine("c frozen (SIGSTOP): its sockets stay open, only its ticks stop");
        await Nodes.Until(() => a.Cluster.IsPartitioned, ct);
        Console.WriteLine($"a detected the partition: missing {string.Join(", ", a.Cluster.Missing)}; majority: {a.Cluster.HasMajority}");

        var config = a.Spawn<Leader>();
        await a.Global.RegisterAsync("config", config.Pid, cancellationToken: ct);
        Console.WriteLine($"meanwhile 'config' registered on a's side -> {config.Pid}");

        nodes[C].Thaw();
        Console.WriteLine("c thawed (SIGCONT); a reconnects (net_adm:ping)");
        while (!await a.PingAsync(C, ct))
        {
            await Task.Delay(50, ct);
        }

        await Nodes.Until(() => !a.Cluster.IsPartitioned, ct);
        string onC;
        while ((onC = await Calc.On(a, C).WhereIs("config", ct)) != config.Pid.ToString())
        {
            await Task.Delay(20, ct);
        }

        Console.WriteLine($"healed: c sees 'config' -> {onC} (the registry synced on the heal)");
    }
}
