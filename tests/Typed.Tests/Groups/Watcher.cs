using Typed;

namespace Typed.Tests.Groups;

/// <summary>Subscribes to group changes from inside a process and records each <see cref="GroupChanged"/> it gets.</summary>
[Process]
public partial class Watcher
{
    readonly List<string> _events = [];

    [Call]
    public async Task<List<Pid>> Watch(string scope, string group)
    {
        var monitor = await Context.Node.GroupScope(scope).MonitorAsync(group, Context.Self);
        return [.. monitor.Members];
    }

    [Call]
    public async Task<MonitorRef> WatchScope(string scope, int expectedGroups)
    {
        var monitor = await Context.Node.GroupScope(scope).MonitorScopeAsync(Context.Self);
        return monitor.Groups.Count == expectedGroups ? monitor.Ref : throw new InvalidOperationException($"{monitor.Groups.Count} groups");
    }

    [Call]
    public async Task<bool> Unwatch(string scope, MonitorRef monitor) => await Context.Node.GroupScope(scope).DemonitorAsync(monitor);

    [Info]
    public void On(GroupChanged changed) =>
        _events.Add($"{changed.Scope}/{changed.Group}:{changed.Change}:{string.Join(",", changed.Pids)}");

    [Call]
    public List<string> Events() => _events;
}
