namespace Typed.Samples.Patterns;

/// <summary>
/// A work dispatcher (Erlang: a master that <c>spawn_link(Node, ...)</c>s a worker per job and
/// collects the replies): each job gets a fresh process on the next node, linked to nothing but the
/// call, and the results come back typed.
/// </summary>
public static class Dispatcher
{
    public static async Task RunAsync(CancellationToken ct)
    {
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", []), ("c@127.0.0.1", [])], ct);
        var a = nodes.A;
        string[] workers = [.. a.Nodes.Order(StringComparer.Ordinal)];
        var jobs = Enumerable.Range(1, 6).Select(i => new Job(i, "item" + i)).ToList();

        var results = await Task.WhenAll(jobs.Select(async (job, i) =>
        {
            var worker = await a.SpawnOn<Cruncher>(workers[i % workers.Length], cancellationToken: ct);
            var result = await worker.Crunch(job, ct);
            a.Exit(worker.Pid, ExitReason.Shutdown);   // one job per worker: exit(Pid, shutdown)
            return result;
        }));

        foreach (var result in results)
        {
            Console.WriteLine($"dispatched {result}");
        }

        Console.WriteLine($"{results.Length} jobs over {string.Join(" and ", workers)}, one fresh process each");
    }
}
