// samples/Patterns: the classic patterns of Erlang's distribution, one command each, every node in an
// OS process of its own on 127.0.0.1. `dotnet run --project samples/Patterns -- <pattern>`, or `all`.
// Node a (this process) narrates; b and c are this same program started with --node.
using Typed.Samples.Patterns;

if (ChildNode.IsChild(args))
{
    return await ChildNode.RunAsync(args);
}

var patterns = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.Ordinal)
{
    ["dispatcher"] = Dispatcher.RunAsync,
    ["global"] = GlobalServerPattern.RunAsync,
    ["supervisor"] = DistributedSupervisor.RunAsync,
    ["groups"] = GroupBroadcast.RunAsync,
    ["rpc"] = RemoteCalls.RunAsync,
    ["partition"] = PartitionHandler.RunAsync,
    ["consensus"] = MajorityConsensus.RunAsync,
};

if (args is not [var chosen] || (chosen != "all" && !patterns.ContainsKey(chosen)))
{
    Console.Error.WriteLine($"usage: Typed.Samples.Patterns <{string.Join("|", patterns.Keys)}|all>");
    return 2;
}

foreach (var (name, run) in patterns.Where(p => chosen == "all" || p.Key == chosen))
{
    // A pattern that stalls fails the run instead of hanging it.
    using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    Console.WriteLine($"== {name}");
    await run(deadline.Token);
}

return 0;
