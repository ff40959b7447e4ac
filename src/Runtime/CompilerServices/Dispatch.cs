using System.ComponentModel;
using Typed.Processes;

namespace Typed.CompilerServices;

/// <summary>
/// What generated dispatch code calls to complete replies and to report messages a behaviour does
/// not handle. User code does not call it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dispatch
{
    /// <summary>Completes a call with a handler's synchronous result.</summary>
    /// <typeparam name="TReply">The result type.</typeparam>
    /// <param name="reply">The call's reply sink.</param>
    /// <param name="value">The result.</param>
    public static ValueTask Reply<TReply>(ReplySink? reply, TReply value)
    {
        ((ReplyTo<TReply>)reply!).Complete(value);
        return default;
    }

    /// <summary>Completes a call that returns nothing.</summary>
    /// <param name="reply">The call's reply sink.</param>
    public static ValueTask Reply(ReplySink? reply)
    {
        ((ReplyTo<Unit>)reply!).Complete(default);
        return default;
    }

    /// <summary>Completes a call when a handler's async result is ready; an exception crashes the process.</summary>
    /// <typeparam name="TReply">The result type.</typeparam>
    /// <param name="reply">The call's reply sink.</param>
    /// <param name="pending">The handler's result.</param>
    public static ValueTask ReplyAsync<TReply>(ReplySink? reply, ValueTask<TReply> pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return Reply(reply, pending.Result);
        }

        return Await(reply, pending);

        static async ValueTask Await(ReplySink? reply, ValueTask<TReply> pending) =>
            ((ReplyTo<TReply>)reply!).Complete(await pending.ConfigureAwait(SimulationContext.Capture));
    }

    /// <summary>Completes a call when a handler's async result is ready; an exception crashes the process.</summary>
    /// <typeparam name="TReply">The result type.</typeparam>
    /// <param name="reply">The call's reply sink.</param>
    /// <param name="pending">The handler's result.</param>
    public static ValueTask ReplyAsync<TReply>(ReplySink? reply, Task<TReply> pending) =>
        ReplyAsync(reply, new ValueTask<TReply>(pending));

    /// <summary>Completes a call that returns nothing when the handler's task is done.</summary>
    /// <param name="reply">The call's reply sink.</param>
    /// <param name="pending">The handler's task.</param>
    public static ValueTask ReplyAsync(ReplySink? reply, ValueTask pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return Reply(reply);
        }

        return Await(reply, pending);

        static async ValueTask Await(ReplySink? reply, ValueTask pending)
        {
            await pending.ConfigureAwait(SimulationContext.Capture);
            ((ReplyTo<Unit>)reply!).Complete(default);
        }
    }

    /// <summary>Completes a call that returns nothing when the handler's task is done.</summary>
    /// <param name="reply">The call's reply sink.</param>
    /// <param name="pending">The handler's task.</param>
    public static ValueTask ReplyAsync(ReplySink? reply, Task pending) => ReplyAsync(reply, new ValueTask(pending));

    /// <summary>
    /// A message no handler of the behaviour takes: a call is answered with
    /// <see cref="UnhandledMessageException"/>, anything else is logged and dropped. The process goes on.
    /// </summary>
    /// <param name="context">The process.</param>
    /// <param name="envelope">The message.</param>
    public static ValueTask Unhandled(ProcessContext context, in Envelope envelope)
    {
        var cell = (ProcessCell)context;
        var what = envelope.Id == Envelope.InfoId
            ? "an info message of type " + (envelope.Message?.GetType().Name ?? "null")
            : "message id " + envelope.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (envelope.Reply is { } reply)
        {
            reply.Unhandled(cell.Self, what);
        }
        else
        {
            Diagnostics.Log.UnhandledMessage(cell.Node.Log, cell.Self, cell.Descriptor.Name, what);
        }

        return default;
    }
}
