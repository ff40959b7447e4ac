namespace Typed.Samples.Patterns;

/// <summary>
/// A process-group broadcast (Erlang: <c>pg:join(lobby, Pid)</c> on each node, then a send to each of
/// <c>pg:get_members(lobby)</c>): every member, on every node, hears the line.
/// </summary>
public static class GroupBroadcast
{
    public static async Task RunAsync(CancellationToken ct)
    {
        await using var nodes = await Nodes.StartAsync([("b@127.0.0.1", ["--lobby"]), ("c@127.0.0.1", ["--lobby"])], ct);
        var a = nodes.A;
        await a.Groups.JoinAsync("lobby", a.Spawn<Chat>().Pid);
        await Nodes.Until(() => a.Groups.GetMembers("lobby").Count == 3, ct);

        var reached = a.Groups.Broadcast<Chat>("lobby", member => member.Say("hello, lobby"));
        Console.WriteLine($"'lobby' has members on {string.Join(", ", a.Groups.GetMembers("lobby").Select(p => p.Node).Order(StringComparer.Ordinal))}; the broadcast reached {reached}");
        foreach (var member in a.Groups.Members<Chat>("lobby").OrderBy(m => m.Pid.Node, StringComparer.Ordinal))
        {
            Console.WriteLine($"{member.Pid} on {member.Pid.Node} heard: {string.Join(" | ", await member.Heard(ct))}");
        }
    }
}
