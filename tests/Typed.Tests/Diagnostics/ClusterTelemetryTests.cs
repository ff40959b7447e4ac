using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Typed.Diagnostics;
using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Diagnostics;

/// <summary>
/// What a user sees through OpenTelemetry's SDK and in-memory exporter on a three-node cluster over
/// TCP: one request that fans out (a call, a cast and an RPC) is one trace of parent and child spans
/// across the nodes, and the meter reports it. Tests share the process-wide source and meter, so
/// each looks only at its own trace, behaviours and node names.
/// </summary>
public class ClusterTelemetryTests
{
    const string FanoutName = "Typed.Tests.Behaviours.Fanout";
    const string TallyName = "Typed.Tests.Behaviours.Tally";
    const string MathsName = "Typed.Tests.Rpc.Maths";

    [Fact]
    public async Task A_call_that_calls_casts_and_calls_an_RPC_on_a_third_node_is_one_trace_with_its_metrics()
    {
        var spans = new LockedList();
        var metrics = new List<Metric>();
        // Subscribed the way the companion package (Typed.OpenTelemetry) tells users to.
        using var tracer = Sdk.CreateTracerProviderBuilder().AddTypedInstrumentation().AddSource("cluster-test").AddInMemoryExporter(spans).Build();
        using var meter = Sdk.CreateMeterProviderBuilder().AddTypedInstrumentation().AddInMemoryExporter(metrics).Build();
        using var source = new ActivitySource("cluster-test");
        await using var cluster = await Clusters.StartAsync(3);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        c.Spawn<Budget>(new SpawnOptions { Name = "budget" });
        var tally = c.Spawn<Tally>(new SpawnOptions { Name = "tally" });
        b.Spawn<Fanout>(new SpawnOptions { Name = "fanout" });
        var fanout = a.At<Fanout>("fanout", b.Name);
        Assert.Equal(1, await fanout.Ping());

        ActivityTraceId traceId;
        using (var root = source.StartActivity("request"))
        {
            Assert.NotNull(root);
            traceId = root.TraceId;
            Assert.Equal(42, await fanout.Fan(c.Name));
        }

        // Handler spans end on their nodes just after their replies go, the cast's whenever c handles it.
        await Eventually.True(() => spans.Snapshot().Count(s => s.TraceId == traceId) >= 9, "the trace's nine spans");
        var trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
        Activity Span(ActivityKind kind, string name) => Assert.Single(trace, s => s.Kind == kind && s.DisplayName == name);

        var request = Span(ActivityKind.Internal, "request");
        var aFan = Span(ActivityKind.Client, FanoutName + "/Fan");
        var bFan = Span(ActivityKind.Server, FanoutName + "/Fan");
        var bLeft = Span(ActivityKind.Client, "Typed.Tests.Behaviours.Budget/Left");
        var cLeft = Span(ActivityKind.Server, "Typed.Tests.Behaviours.Budget/Left");
        var bBump = Span(ActivityKind.Producer, TallyName + "/Bump");
        var cBump = Span(ActivityKind.Consumer, TallyName + "/Bump");
        var bAdd = Span(ActivityKind.Client, MathsName + "/Add");
        var cAdd = Span(ActivityKind.Server, MathsName + "/Add");

        // a -> b, then b -> c three ways, each handler a child of its sender's span across the wire.
        Assert.Equal(request.SpanId, aFan.ParentSpanId);
        Assert.Equal(aFan.SpanId, bFan.ParentSpanId);
        Assert.All([bLeft, bBump, bAdd], s => Assert.Equal(bFan.SpanId, s.ParentSpanId));
        Assert.Equal(bLeft.SpanId, cLeft.ParentSpanId);
        Assert.Equal(bBump.SpanId, cBump.ParentSpanId);
        Assert.Equal(bAdd.SpanId, cAdd.ParentSpanId);
        Assert.Equal(b.Name, bFan.GetTagItem("typed.node"));
        Assert.All([cLeft, cBump, cAdd], s => Assert.Equal(c.Name, s.GetTagItem("typed.node")));
        Assert.All([bLeft, bBump, bAdd], s => Assert.Equal(c.Name, s.GetTagItem("server.address")));

        // The conventions: RPC tags on calls, messaging tags on the cast.
        Assert.Equal("typed", aFan.GetTagItem("rpc.system"));
        Assert.Equal(FanoutName, aFan.GetTagItem("rpc.service"));
        Assert.Equal("Fan", aFan.GetTagItem("rpc.method"));
        Assert.Equal(MathsName, cAdd.GetTagItem("rpc.service"));
        Assert.Equal("Add", cAdd.GetTagItem("rpc.method"));
        Assert.Equal("typed", bBump.GetTagItem("messaging.system"));
        Assert.Equal("send", bBump.GetTagItem("messaging.operation.type"));
        Assert.Equal("process", cBump.GetTagItem("messaging.operation.type"));
        Assert.Equal(TallyName, cBump.GetTagItem("messaging.destination.name"));
        Assert.All(trace, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));

        // The meter: the call's duration per behaviour and message, messages, processes.
        Assert.Equal(1, await tally.Count());
        meter.ForceFlush();
        var fan = Assert.Single(Points(metrics, "typed.call.duration"), p => Tag(p, "rpc.service") == FanoutName && Tag(p, "rpc.method") == "Fan");
        Assert.Equal(1, fan.GetHistogramCount());
        Assert.True(fan.GetHistogramSum() > 0);
        Assert.Null(Tag(fan, "error.type"));
        Assert.Contains(Points(metrics, "typed.call.duration"), p => Tag(p, "rpc.service") == MathsName && Tag(p, "rpc.method") == "Add" && p.GetHistogramCount() >= 1);
        Assert.Equal("s", metrics.First(m => m.Name == "typed.call.duration").Unit);
        Assert.True(Sum(metrics, "typed.message.sent", b.Name) >= 3, "b sent a call, a cast and an RPC");
        Assert.True(Sum(metrics, "typed.message.handled", c.Name) >= 2, "c handled the call and the cast");
        Assert.True(Sum(metrics, "typed.process.count", c.Name) >= 2, "budget and tally live on c");
        Assert.True(Sum(metrics, "typed.node.connected", a.Name) >= 1, "a is connected");
        Assert.True(Sum(metrics, "typed.distribution.sent.frames", "typed.peer", c.Name) > 0, "frames went to c");
    }

    [Fact]
    public async Task The_mailbox_length_of_a_busy_process_is_reported_until_it_is_drained()
    {
        var metrics = new List<Metric>();
        using var meter = Sdk.CreateMeterProviderBuilder().AddMeter(TypedTelemetry.MeterName).AddInMemoryExporter(metrics).Build();
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var tally = node.Spawn<Tally>();
        tally.Stall();
        for (var i = 0; i < 5; i++)
        {
            tally.Bump();
        }

        long Waiting()
        {
            metrics.Clear();
            meter.ForceFlush();
            return Points(metrics, "typed.mailbox.messages").Where(p => Tag(p, "typed.node") == node.Name && Tag(p, "rpc.service") == TallyName).Select(p => p.GetSumLong()).LastOrDefault();
        }

        // The stalled cast is taken (it holds the handler), the five bumps wait behind it.
        await Eventually.True(() => Waiting() == 5, "five messages waiting");
        cluster.Gate().Open();
        Assert.Equal(5, await tally.Count());
        Assert.Equal(0, Waiting());
    }

    [Fact]
    public async Task A_call_that_times_out_and_an_RPC_that_raises_end_their_spans_as_errors_and_count_as_failed_calls()
    {
        var spans = new LockedList();
        var metrics = new List<Metric>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddTypedInstrumentation().AddSource("failure-test").AddInMemoryExporter(spans).Build();
        using var meter = Sdk.CreateMeterProviderBuilder().AddTypedInstrumentation().AddInMemoryExporter(metrics).Build();
        using var source = new ActivitySource("failure-test");
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        b.Spawn<Fanout>(new SpawnOptions { Name = "fanout" });

        ActivityTraceId traceId;
        using (var root = source.StartActivity("failing"))
        {
            traceId = root!.TraceId;
            await Assert.ThrowsAsync<CallTimeoutException>(async () => await a.At<Fanout>("fanout", b.Name).WithTimeout(TimeSpan.FromMilliseconds(200)).Hang());
            await Assert.ThrowsAsync<RemoteException>(async () => await Typed.Tests.Rpc.Maths.On(a, b.Name).Fail("on purpose"));
        }

        await Eventually.True(() => spans.Snapshot().Count(s => s.TraceId == traceId) >= 5, "the root, the call's two spans and the RPC's two");
        var trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
        var hang = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName == FanoutName + "/Hang");
        Assert.Equal(ActivityStatusCode.Error, hang.Status);
        Assert.Equal(typeof(CallTimeoutException).FullName, hang.GetTagItem("error.type"));
        var raised = Assert.Single(trace, s => s.Kind == ActivityKind.Server && s.DisplayName == MathsName + "/Fail");
        Assert.Equal(ActivityStatusCode.Error, raised.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, raised.GetTagItem("error.type"));
        Assert.Equal(b.Name, raised.GetTagItem("typed.node"));
        var failCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName == MathsName + "/Fail");
        Assert.Equal(failCall.SpanId, raised.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Error, failCall.Status);

        meter.ForceFlush();
        var timedOut = Assert.Single(Points(metrics, "typed.call.duration"), p => Tag(p, "rpc.service") == FanoutName && Tag(p, "rpc.method") == "Hang");
        Assert.Equal(typeof(CallTimeoutException).FullName, Tag(timedOut, "error.type"));
        Assert.True(timedOut.GetHistogramSum() >= 0.15, $"the call lasted its timeout, {timedOut.GetHistogramSum()} s");
        Assert.Contains(Points(metrics, "typed.call.duration"), p => Tag(p, "rpc.method") == "Fail" && Tag(p, "error.type") == typeof(RemoteException).FullName);
    }

    static IEnumerable<MetricPoint> Points(List<Metric> exported, string instrument)
    {
        foreach (var metric in exported.Where(m => m.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    static string? Tag(in MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    static long Sum(List<Metric> exported, string instrument, string node) => Sum(exported, instrument, "typed.node", node);

    static long Sum(List<Metric> exported, string instrument, string key, string value) =>
        Points(exported, instrument).Where(p => Tag(p, key) == value).Sum(p => p.GetSumLong());
}
