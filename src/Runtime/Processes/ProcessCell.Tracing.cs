using Typed.CompilerServices;
using Typed.Diagnostics;

namespace Typed.Processes;

/// <summary>A handler's span: started when a traced call or cast is handled, continuing its sender's.</summary>
internal sealed partial class ProcessCell
{
    /// <summary>Starts the handler's span (a call's or a cast's), continuing the sender's; returns the activity to restore after it.</summary>
    System.Diagnostics.Activity? StartSpan(in Envelope envelope)
    {
        var previous = System.Diagnostics.Activity.Current;
        if (envelope.Id != Envelope.InfoId)
        {
            _span = TypedActivities.StartHandle(_descriptor.Name, Routing.Router.HandlerName(_descriptor, envelope.Id), _node.Name, envelope.Reply is not null, envelope.Metadata?.TraceParent);
        }

        return previous;
    }

    /// <summary>Ends the current handler's span, if it has one.</summary>
    void EndSpan(Exception? error, System.Diagnostics.Activity? previous)
    {
        if (_span is not { } span)
        {
            return;
        }

        _span = null;
        if (error is not null)
        {
            TypedActivities.Failed(span, error);
        }

        span.Dispose();
        System.Diagnostics.Activity.Current = previous;
    }
}
