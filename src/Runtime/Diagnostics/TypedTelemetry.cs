namespace Typed.Diagnostics;

/// <summary>
/// The names to subscribe to: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both called <c>Typed</c>. With OpenTelemetry:
/// <c>metrics.AddMeter(TypedTelemetry.MeterName)</c> and <c>tracing.AddSource(TypedTelemetry.ActivitySourceName)</c>.
/// The runtime depends on System.Diagnostics only.
/// </summary>
public static class TypedTelemetry
{
    /// <summary>The name of Typed's meter.</summary>
    public const string MeterName = "Typed";

    /// <summary>The name of Typed's activity source.</summary>
    public const string ActivitySourceName = "Typed";
}
