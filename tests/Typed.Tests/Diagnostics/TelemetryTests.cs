using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Typed.Diagnostics;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Diagnostics;

/// <summary>
/// The Typed meter and activity source, read the way users read them: through OpenTelemetry's SDK and
/// in-memory exporter. Tests run in parallel and share the process-wide meter, so each one filters the
/// exported points by a node name of its own.
/// </summary>
public class TelemetryTests
{
    static MeterProvider Metrics(List<Metric> exported) =>
        Sdk.CreateMeterProviderBuilder().AddMeter(TypedTelemetry.MeterName).AddInMemoryExporter(exported).Build();

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

    static object? Tag(in MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    static long LastLong(List<Metric> exported, string instrument, string node, bool sum) =>
        Points(exported, instrument).Where(p => (string?)Tag(p, "typed.node") == node)
            .Select(p => sum ? p.GetSumLong() : p.GetGaugeLastValueLong()).LastOrDefault();

    static IHost Host(string name, string? cookie = null, Action<NodeOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(new Journal());
        builder.Services.AddTyped(options =>
        {
            options.Name = name;
            options.Cookie = cookie;
            options.Distribution.UsePortMapper = false;
            configure?.Invoke(options);
        });
        return builder.Build();
    }

    [Fact]
    public async Task The_process_count_of_a_hosted_node_is_reported()
    {
        var exported = new List<Metric>();
        using var provider = Metrics(exported);
        using var host = Host("metrics@127.0.0.1");
        await host.StartAsync();
        var node = host.Services.GetRequiredService<Node>();
        for (var i = 0; i < 3; i++)
        {
            node.Spawn(new Store.StartArgs("m" + i));
        }

        provider.ForceFlush();
        Assert.Equal(node.ProcessCount, LastLong(exported, "typed.process.count", "metrics@127.0.0.1", sum: true));
        Assert.True(node.ProcessCount >= 3);

        await host.StopAsync();
        exported.Clear();
        provider.ForceFlush();
        Assert.DoesNotContain(Points(exported, "typed.process.count"), p => (string?)Tag(p, "typed.node") == "metrics@127.0.0.1");
    }

    [Fact]
    public async Task Node_up_down_and_connected_nodes_are_reported()
    {
        var exported = new List<Metric>();
        using var provider = Metrics(exported);
        using var b = Host("metricsb@127.0.0.1", "metrics");
        await b.StartAsync();
        var port = b.Services.GetRequiredService<Node>().DistributionEndpoint!.Port;
        using var a = Host("metricsa@127.0.0.1", "metrics", o => o.Distribution.StaticAddresses["metricsb@127.0.0.1"] = new(System.Net.IPAddress.Loopback, port));
        await a.StartAsync();
        var nodeA = a.Services.GetRequiredService<Node>();

        Assert.True(await nodeA.ConnectAsync("metricsb@127.0.0.1"));
        await Eventually.True(() => { exported.Clear(); provider.ForceFlush(); return LastLong(exported, "typed.node.up", "metricsa@127.0.0.1", sum: true) == 1; }, "NodeUp counted");
        Assert.Equal(1, LastLong(exported, "typed.node.connected", "metricsa@127.0.0.1", sum: true));

        await b.StopAsync();
        await Eventually.True(() => { exported.Clear(); provider.ForceFlush(); return LastLong(exported, "typed.node.down", "metricsa@127.0.0.1", sum: true) == 1; }, "NodeDown counted");
        Assert.Equal(0, LastLong(exported, "typed.node.connected", "metricsa@127.0.0.1", sum: true));
        await a.StopAsync();
    }

    [Fact]
    public void The_hooks_report_to_their_instruments()
    {
        var exported = new List<Metric>();
        using var provider = Metrics(exported);

        TypedMetrics.ProcessSpawned("hooks@127.0.0.1");
        TypedMetrics.ProcessExited("hooks@127.0.0.1", ExitReasonKind.Exception);
        TypedMetrics.MessageSent("hooks@127.0.0.1");
        TypedMetrics.MessageHandled("hooks@127.0.0.1", "HookBehaviour");
        TypedMetrics.CallCompleted("HookBehaviour", "Get", Stopwatch.GetTimestamp());
        TypedMetrics.CallCompleted("HookBehaviour", "Get", Stopwatch.GetTimestamp(), "Typed.CallTimeoutException");
        TypedMetrics.ChildRestarted("<hooks.1.1>", "leaf");
        TypedMetrics.FramesSent("hookpeer@127.0.0.1", 3, 120);
        provider.ForceFlush();

        Assert.Equal(1, LastLong(exported, "typed.process.spawned", "hooks@127.0.0.1", sum: true));
        var exited = Assert.Single(Points(exported, "typed.process.exited"), p => (string?)Tag(p, "typed.node") == "hooks@127.0.0.1");
        Assert.Equal("exception", Tag(exited, "typed.exit.reason"));
        var calls = Points(exported, "typed.call.duration").Where(p => (string?)Tag(p, "rpc.service") == "HookBehaviour").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, p => Assert.Equal(1, p.GetHistogramCount()));
        Assert.Contains(calls, p => (string?)Tag(p, "error.type") == "Typed.CallTimeoutException");
        Assert.Equal("s", exported.First(m => m.Name == "typed.call.duration").Unit);
        Assert.Contains(Points(exported, "typed.distribution.sent.bytes"), p => (string?)Tag(p, "typed.peer") == "hookpeer@127.0.0.1" && p.GetSumLong() == 120);
    }

    [Fact]
    public void A_call_span_parents_the_handler_span_through_its_W3C_trace_context()
    {
        var spans = new LockedList();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(TypedTelemetry.ActivitySourceName).AddInMemoryExporter(spans).Build();

        using (var call = TypedActivities.StartSend("TraceBehaviour", "Get", "b@127.0.0.1", expectsReply: true))
        {
            Assert.NotNull(call);
            var traceParent = TypedActivities.TraceParent(call);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceParent);

            // What the receiving node does with the metadata: no ambient activity there.
            var ambient = Activity.Current;
            Activity.Current = null;
            using (var handle = TypedActivities.StartHandle("TraceBehaviour", "Get", "b@127.0.0.1", expectsReply: true, traceParent))
            {
                TypedActivities.Failed(handle, new InvalidOperationException("boom"));
            }

            Activity.Current = ambient;
        }

        tracer.ForceFlush();
        var client = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.DisplayName == "TraceBehaviour/Get");
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "TraceBehaviour/Get");
        Assert.Equal(client.TraceId, server.TraceId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.Equal("typed", client.GetTagItem("rpc.system"));
        Assert.Equal("b@127.0.0.1", client.GetTagItem("server.address"));
        Assert.Equal(ActivityStatusCode.Error, server.Status);
        Assert.Equal("System.InvalidOperationException", server.GetTagItem("error.type"));
    }
}
