using System.Diagnostics;

namespace Typed.Diagnostics;

/// <summary>
/// Typed's spans, on the one <c>Typed</c> activity source: a client span per call, cast and RPC where
/// it is sent, a server span where the receiving process handles it, parented across nodes by the W3C
/// trace context (<c>traceparent</c>/<c>tracestate</c>) the call carries in its metadata. Every span is
/// named <c>Behaviour/Message</c> (an RPC: <c>Module/Function</c>). Calls and RPC calls follow the
/// OpenTelemetry RPC conventions (Client and Server spans): <c>rpc.system</c> = <c>typed</c>,
/// <c>rpc.service</c> = the behaviour or RPC module, <c>rpc.method</c> = the message or function.
/// Casts (and RPC casts) are one-way messages and follow the messaging conventions (Producer and
/// Consumer spans): <c>messaging.system</c> = <c>typed</c>, <c>messaging.operation.type</c> =
/// <c>send</c> or <c>process</c>, <c>messaging.destination.name</c> = the behaviour or module, and
/// <c>rpc.method</c> for the message. <c>server.address</c> is the target node on the sender's span,
/// <c>typed.node</c> the handling node on the receiver's; failures set the status to Error and
/// <c>error.type</c>. Every hook returns null at the cost of one check when nobody listens.
/// </summary>
internal static class TypedActivities
{
    internal static readonly ActivitySource Source = new(TypedTelemetry.ActivitySourceName, typeof(TypedActivities).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts the sender's span of a call (<see cref="ActivityKind.Client"/>) or a cast or send
    /// (<see cref="ActivityKind.Producer"/>). Call: where the proxy sends the request (Proxy.Call/Cast,
    /// RpcStub), then put <see cref="TraceParent"/> and <see cref="Activity.TraceStateString"/> into the
    /// request's metadata and dispose the span when the reply (or failure) arrives.
    /// </summary>
    public static Activity? StartSend(string behaviour, string message, string targetNode, bool expectsReply)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(behaviour + "/" + message, expectsReply ? ActivityKind.Client : ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, behaviour, message, expectsReply, "send");
            activity.SetTag("server.address", targetNode);
        }

        return activity;
    }

    /// <summary>The W3C <c>traceparent</c> of <paramref name="activity"/> to carry in a request's metadata, or null.</summary>
    public static string? TraceParent(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>
    /// Starts the receiver's span of a call (<see cref="ActivityKind.Server"/>) or a cast
    /// (<see cref="ActivityKind.Consumer"/>), as a child of the sender's span named by
    /// <paramref name="traceParent"/>. Call: in the cell's dispatch, around the handler, with the
    /// metadata the frame carried; dispose it when the handler returns.
    /// </summary>
    public static Activity? StartHandle(string behaviour, string message, string node, bool expectsReply, string? traceParent, string? traceState = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = Source.StartActivity(behaviour + "/" + message, expectsReply ? ActivityKind.Server : ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, behaviour, message, expectsReply, "process");
            activity.SetTag("typed.node", node);
        }

        return activity;
    }

    static void Describe(Activity activity, string behaviour, string message, bool expectsReply, string operation)
    {
        if (expectsReply)
        {
            activity.SetTag("rpc.system", "typed");
            activity.SetTag("rpc.service", behaviour);
        }
        else
        {
            activity.SetTag("messaging.system", "typed");
            activity.SetTag("messaging.operation.type", operation);
            activity.SetTag("messaging.destination.name", behaviour);
        }

        activity.SetTag("rpc.method", message);
    }

    /// <summary>Marks a span failed with the exception's type. Call: where a call fails or a handler throws.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception.GetType().FullName);
    }
}
