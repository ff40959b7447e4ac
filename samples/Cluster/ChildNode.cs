using System.Globalization;

namespace Typed.Samples.Cluster;

/// <summary>
/// The program's other role: a node of the sample cluster started by node a as a child process. It
/// runs a registered <see cref="Counter"/>, a <see cref="Leader"/> registered globally and a
/// <see cref="Chat"/> in the process group <c>lobby</c>, prints <see cref="NodeProcess.Ready"/> and serves until its stdin closes.
/// </summary>
public static class ChildNode
{
    /// <summary>Whether the command line asks for a child node.</summary>
    public static bool IsChild(string[] args) => args is ["--node", ..];

    /// <summary>Runs the child node: <c>--node NAME --cookie COOKIE --port-mapper PORT</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--node", var name, "--cookie", var cookie, "--port-mapper", var port])
        {
            await Console.Error.WriteLineAsync("usage: --node NAME --cookie COOKIE --port-mapper PORT");
            return 2;
        }

        var options = Clustering.Configure(new NodeOptions { Name = name, Cookie = cookie });
        options.Distribution.PortMapperPort = int.Parse(port, CultureInfo.InvariantCulture);
        options.Distribution.StartPortMapper = false;    // node a runs it; finding none is an error
        await using var node = await Node.StartAsync(options);
        node.Spawn<Counter>(new SpawnOptions { Name = "counter" });

        // Each child registers its leader before it meets the others: alone, each succeeds, and the
        // clash is settled when the nodes meet.
        var leader = node.Spawn<Leader>(new SpawnOptions { Name = "leader" });
        await node.Global.RegisterAsync("leader", leader.Pid, GlobalResolve.Custom("by-priority"));
        await node.Groups.JoinAsync("lobby", node.Spawn<Chat>().Pid);
        Console.WriteLine(NodeProcess.Ready);

        // Serve until the parent closes our stdin (or dies, which closes it too).
        await Console.OpenStandardInput().CopyToAsync(Stream.Null);
        await node.StopAsync();
        return 0;
    }
}
