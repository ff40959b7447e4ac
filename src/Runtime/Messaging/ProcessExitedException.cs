namespace Typed;

/// <summary>
/// A call failed because the process it addressed has exited or never existed (the caller's monitor
/// fired). <see cref="Reason"/> is <c>noproc</c> when there was no process, otherwise the process's
/// exit reason; for a crashed handler it carries the exception's type, message and stack text.
/// The request may or may not have been applied before the process exited.
/// </summary>
public sealed class ProcessExitedException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pid">The process that was called.</param>
    /// <param name="reason">Why it is gone.</param>
    public ProcessExitedException(Pid pid, ExitReason reason)
        : base($"The process {pid} exited: {reason}", InnerFor(reason))
    {
        Pid = pid;
        Reason = reason;
    }

    /// <summary>Creates the exception for a process addressed by name that could not be found.</summary>
    /// <param name="target">The name (and node) that was called.</param>
    /// <param name="reason">Why it is gone (<c>noproc</c>).</param>
    public ProcessExitedException(string target, ExitReason reason)
        : base($"The process {target} exited: {reason}", InnerFor(reason))
    {
        Reason = reason;
    }

    /// <summary>The process that was called; empty when it was called by a name that named no process.</summary>
    public Pid Pid { get; }

    /// <summary>Why it is gone.</summary>
    public ExitReason Reason { get; }

    static Exception? InnerFor(ExitReason reason) =>
        reason.Kind != ExitReasonKind.Exception
            ? null
            : reason.Exception ?? new RemoteException(reason.ExceptionType ?? "", reason.Message ?? "", reason.StackTrace);
}
