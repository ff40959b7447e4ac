namespace Typed.Tests.Supervision;

/// <summary>Reading a supervisor's children in tests.</summary>
internal static class Trees
{
    public static async Task<Dictionary<string, Pid>> Pids<T>(ProcessRef<T> supervisor)
        where T : class, Typed.IProcessBehaviour<T>, ISupervisor =>
        (await supervisor.WhichChildren()).ToDictionary(c => c.Id, c => c.Pid);

    /// <summary>Waits until every listed child runs with a pid other than the one it had.</summary>
    public static Task Restarted<T>(ProcessRef<T> supervisor, IReadOnlyDictionary<string, Pid> before, params string[] ids)
        where T : class, Typed.IProcessBehaviour<T>, ISupervisor =>
        Eventually.True(
            async () =>
            {
                var now = await supervisor.WhichChildren();
                return ids.All(id => now.Single(c => c.Id == id) is { Status: ChildStatus.Running } c && c.Pid != before[id]);
            },
            $"children {string.Join(", ", ids)} restarted");
}
