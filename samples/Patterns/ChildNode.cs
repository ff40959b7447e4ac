using System.Globalization;

namespace Typed.Samples.Patterns;

/// <summary>
/// The program's other role: a node a pattern starts as a child OS process
/// (<c>--node NAME --cookie COOKIE --port-mapper PORT [--tick-ms N] [--leader] [--lobby]</c>). It runs
/// a registered <see cref="Voter"/>; with <c>--leader</c> a <see cref="Leader"/> it registers globally
/// before it meets anyone; with <c>--lobby</c> a <see cref="Chat"/> in the group <c>lobby</c>. It prints
/// <see cref="NodeProcess.Ready"/> and serves until its stdin closes.
/// </summary>
public static class ChildNode
{
    /// <summary>Whether the command line asks for a child node.</summary>
    public static bool IsChild(string[] args) => args is ["--node", ..];

    /// <summary>Runs the child node.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--node", var name, "--cookie", var cookie, "--port-mapper", var port, .. var flags])
        {
            await Console.Error.WriteLineAsync("usage: --node NAME --cookie COOKIE --port-mapper PORT [--tick-ms N] [--leader] [--lobby]");
            return 2;
        }

        var options = Nodes.Configure(new NodeOptions { Name = name, Cookie = cookie }, int.Parse(port, CultureInfo.InvariantCulture));
        if (flags is ["--tick-ms", var tick, ..])
        {
            options.Distribution.TickTime = TimeSpan.FromMilliseconds(int.Parse(tick, CultureInfo.InvariantCulture));
        }

        await using var node = await Node.StartAsync(options);
        node.Spawn<Voter>(new SpawnOptions { Name = "voter" });
        if (flags.Contains("--leader"))
        {
            var leader = node.Spawn<Leader>(new SpawnOptions { Name = "leader" });
            await node.Global.RegisterAsync("leader", leader.Pid, GlobalResolve.Custom(Nodes.FirstByName));
        }

        if (flags.Contains("--lobby"))
        {
            await node.Groups.JoinAsync("lobby", node.Spawn<Chat>().Pid);
        }

        Console.WriteLine(NodeProcess.Ready);
        await Console.OpenStandardInput().CopyToAsync(Stream.Null);
        await node.StopAsync();
        return 0;
    }
}
