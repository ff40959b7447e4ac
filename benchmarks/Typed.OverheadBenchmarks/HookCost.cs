using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Typed.Diagnostics;

namespace Typed.OverheadBenchmarks;

/// <summary>
/// The telemetry a cast and a call add on their own, without a process around them: a cast's two spans
/// (Producer where it is sent, Consumer where it is handled, parented through its traceparent) and a
/// call's duration, with nobody listening and with listeners that record everything.
/// </summary>
[MemoryDiagnoser]
public class HookCost
{
    ActivityListener? _spans;
    MeterListener? _meters;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Listening)
        {
            return;
        }

        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TypedTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_spans);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TypedTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _meters.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _meters?.Dispose();
    }

    /// <summary>A cast's spans: the sender's, its traceparent, the handler's as its child.</summary>
    [Benchmark]
    public void CastSpans()
    {
        string? traceParent;
        using (var send = TypedActivities.StartSend("Bench.Echo", "Bump", "b@127.0.0.1", expectsReply: false))
        {
            traceParent = TypedActivities.TraceParent(send);
        }

        using var handle = TypedActivities.StartHandle("Bench.Echo", "Bump", "b@127.0.0.1", expectsReply: false, traceParent);
    }

    /// <summary>A call's duration, recorded in the histogram.</summary>
    [Benchmark]
    public void CallDuration()
    {
        if (TypedMetrics.CallDurationEnabled)
        {
            TypedMetrics.CallCompleted("Bench.Echo", "Get", Stopwatch.GetTimestamp());
        }
    }
}
