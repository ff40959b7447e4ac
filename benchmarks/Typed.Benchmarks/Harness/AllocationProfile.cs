using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Typed.Benchmarks.Harness;

/// <summary>
/// Which types a cell allocates (<c>--alloc-profile</c>): the runtime's GC AllocationTick events, one per
/// ~100 KB allocated, attributed to the type whose allocation crossed the mark. A sampling profile: the
/// shares are what matters, and they need a few MB of allocation to settle.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    const EventKeywords GcKeyword = (EventKeywords)0x1;

    readonly ConcurrentDictionary<string, long> _bytes = new();

    public static AllocationProfile? Instance { get; private set; }

    public static void Start() => Instance = new AllocationProfile();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames?.IndexOf("TypeName") is int t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames?.IndexOf("AllocationAmount64") is int a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
    }

    /// <summary>Prints the types with the largest sampled shares to stderr.</summary>
    public void Print()
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        Console.Error.WriteLine($"allocation profile (sampled, {total / 1e6:0.0} MB):");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(15))
        {
            Console.Error.WriteLine($"  {100.0 * bytes / total,5:0.0}%  {type}");
        }
    }
}
