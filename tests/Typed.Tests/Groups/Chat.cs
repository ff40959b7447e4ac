using Typed;

namespace Typed.Tests.Groups;

/// <summary>The README's "Process groups" behaviour, as in samples/Cluster/Behaviours.cs.</summary>
[Process]
public partial class Chat
{
    readonly List<string> _lines = [];

    [Cast] public void Say(string line) => _lines.Add(line);                   // what Groups.Broadcast reaches
    [Call] public List<string> Lines() => _lines;
    [Info] public void Changed(GroupChanged change) =>                         // after Groups.MonitorAsync
        _lines.Add($"{change.Group}: {change.Change} {string.Join(", ", change.Pids)}");
}
