using Typed.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Subscribes an OpenTelemetry tracer provider to Typed's spans.</summary>
public static class TypedTracerProviderBuilderExtensions
{
    /// <summary>
    /// Adds Typed's activity source (<see cref="TypedTelemetry.ActivitySourceName"/>): a Client span
    /// per call and RPC call where it is sent and a Server span where it is handled, a Producer span
    /// per cast and RPC cast and a Consumer span where it is handled, parented across nodes by the W3C
    /// trace context each request carries. Tags follow the OpenTelemetry RPC and messaging conventions
    /// (<c>rpc.system</c> = <c>typed</c>, <c>rpc.service</c>, <c>rpc.method</c>, <c>messaging.*</c>,
    /// <c>server.address</c>, <c>error.type</c>).
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static TracerProviderBuilder AddTypedInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(TypedTelemetry.ActivitySourceName);
    }
}
