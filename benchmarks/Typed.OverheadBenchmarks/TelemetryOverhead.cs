using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Typed.Diagnostics;

namespace Typed.OverheadBenchmarks;

/// <summary>
/// A local call and a local cast on one node, with nobody listening and with an
/// <see cref="ActivityListener"/> that records every Typed span plus a <see cref="MeterListener"/> that
/// takes every Typed measurement (what an OpenTelemetry SDK subscribed to both does, minus its export).
/// </summary>
[MemoryDiagnoser]
public class TelemetryOverhead
{
    const int CastsPerBatch = 100;

    Node _node = null!;
    ProcessRef<Echo> _echo;
    ActivityListener? _spans;
    MeterListener? _meters;
    long _measurements;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        if (Listening)
        {
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
            _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _measurements, value));
            _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _meters.Start();
        }

        _node = await Node.StartAsync(new NodeOptions { Name = "bench@127.0.0.1" });
        _echo = _node.Spawn<Echo>();
        await _echo.Get();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _node.DisposeAsync();
        _spans?.Dispose();
        _meters?.Dispose();
    }

    /// <summary>One local call, awaited (a fieldless message and an int reply: nothing is copied).</summary>
    [Benchmark]
    public ValueTask<int> LocalCall() => _echo.Get();

    /// <summary>A local cast, handled: 100 casts and one call that waits for them, per 101 operations.</summary>
    [Benchmark(OperationsPerInvoke = CastsPerBatch + 1)]
    public async Task<int> LocalCast()
    {
        for (var i = 0; i < CastsPerBatch; i++)
        {
            _echo.Bump();
        }

        return await _echo.Get();
    }
}
