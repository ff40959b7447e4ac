namespace Typed;

/// <summary>
/// No reply to a call came within its timeout while the callee was still alive as far as the
/// caller knew. The request may or may not have been applied; a late reply is dropped.
/// </summary>
public sealed class CallTimeoutException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pid">The process that was called.</param>
    /// <param name="timeout">How long the caller waited.</param>
    public CallTimeoutException(Pid pid, TimeSpan timeout)
        : base($"The call to {pid} got no reply within {timeout.TotalMilliseconds:0} ms")
    {
        Pid = pid;
        Timeout = timeout;
    }

    /// <summary>The process that was called.</summary>
    public Pid Pid { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Timeout { get; }
}
