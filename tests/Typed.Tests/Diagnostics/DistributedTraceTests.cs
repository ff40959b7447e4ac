using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Typed.Diagnostics;
using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Diagnostics;

/// <summary>A call chain across three nodes is one trace: each call's span parents its handler's, across the wire.</summary>
public class DistributedTraceTests
{
    [Fact]
    public async Task A_call_from_a_through_b_to_c_is_one_trace_of_parent_and_child_spans()
    {
        var spans = new LockedList();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(TypedTelemetry.ActivitySourceName, "test").AddInMemoryExporter(spans).Build();
        using var source = new ActivitySource("test");
        await using var cluster = await Clusters.StartAsync(3, inMemory: true);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        c.Spawn<Budget>(new SpawnOptions { Name = "budget" });
        b.Spawn<Hop>(new SpawnOptions { Name = "hop" });
        var hop = a.At<Hop>("hop", b.Name);
        Assert.Equal(1, await hop.Ping());

        using (var root = source.StartActivity("request"))
        {
            Assert.NotNull(await hop.Relay(c.Name));
        }

        // Handler spans end on their own nodes just after the replies go: wait for all five. Other
        // tests' spans come through the same source; only this trace's are looked at.
        tracer.ForceFlush();
        var root_ = Assert.Single(spans.Snapshot(), s => s.DisplayName == "request");
        await Eventually.True(() => spans.Snapshot().Count(s => s.TraceId == root_.TraceId) >= 5, "the trace's five spans");
        var trace = spans.Snapshot().Where(s => s.TraceId == root_.TraceId).ToList();
        var aCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.EndsWith("/Relay", StringComparison.Ordinal));
        var bHandle = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Relay", StringComparison.Ordinal));
        var bCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.EndsWith("/Left", StringComparison.Ordinal));
        var cHandle = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName.EndsWith("/Left", StringComparison.Ordinal));

        Assert.Equal(root_.SpanId, aCall.ParentSpanId);
        Assert.Equal(aCall.SpanId, bHandle.ParentSpanId);
        Assert.Equal(bHandle.SpanId, bCall.ParentSpanId);
        Assert.Equal(bCall.SpanId, cHandle.ParentSpanId);
        Assert.Equal(b.Name, bHandle.GetTagItem("typed.node"));
        Assert.Equal(c.Name, cHandle.GetTagItem("typed.node"));
        Assert.Equal(c.Name, bCall.GetTagItem("server.address"));
    }
}
