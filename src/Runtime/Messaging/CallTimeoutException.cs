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
        Callee = pid.ToString();
        Timeout = timeout;
    }

    /// <summary>Creates the exception for a callee that is not a process, such as an RPC's target node.</summary>
    /// <param name="pid">The node's pid (id zero) or the process that was called.</param>
    /// <param name="callee">What was called, for the message.</param>
    /// <param name="timeout">How long the caller waited.</param>
    internal CallTimeoutException(Pid pid, string callee, TimeSpan timeout)
        : base($"The call to {callee} got no reply within {timeout.TotalMilliseconds:0} ms")
    {
        Pid = pid;
        Callee = callee;
        Timeout = timeout;
    }

    /// <summary>The process that was called (for an RPC, the target node's pid, whose id is zero).</summary>
    public Pid Pid { get; }

    /// <summary>
    /// What was called, as the message names it: the pid, <c>{name,node}</c> for a process called by
    /// name on another node (whose pid the caller never learnt), or the RPC's target node.
    /// </summary>
    public string Callee { get; }

    /// <summary>How long the caller waited.</summary>
    public TimeSpan Timeout { get; }
}
