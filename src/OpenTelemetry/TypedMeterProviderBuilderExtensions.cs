using Typed.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Subscribes an OpenTelemetry meter provider to Typed's instruments.</summary>
public static class TypedMeterProviderBuilderExtensions
{
    /// <summary>
    /// Adds Typed's meter (<see cref="TypedTelemetry.MeterName"/>): processes live, spawned and exited
    /// by reason; messages sent and handled; mailbox length; call duration per behaviour and message
    /// (<c>typed.call.duration</c>, seconds); supervisor restarts and shutdowns; frames and bytes on
    /// the wire; connected nodes and node up/down. Nodes report from their start to their stop.
    /// </summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static MeterProviderBuilder AddTypedInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(TypedTelemetry.MeterName);
    }
}
