using System.Collections.Concurrent;

namespace Typed.Tests.Rpc;

/// <summary>What <see cref="Probe"/>'s functions leave behind; the cluster's nodes share this test process.</summary>
internal static class ProbeState
{
    public static ConcurrentDictionary<string, Pid> Recorded { get; } = new();

    public static ConcurrentDictionary<string, Pid> Running { get; } = new();

    public static ConcurrentDictionary<string, Pid> Cancelled { get; } = new();

    static readonly ConcurrentDictionary<string, TaskCompletionSource> s_gates = new();

    public static TaskCompletionSource Gate(string key) =>
        s_gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static void Release(string key) => Gate(key).TrySetResult();

    public static string NewKey() => Guid.NewGuid().ToString("N");
}
