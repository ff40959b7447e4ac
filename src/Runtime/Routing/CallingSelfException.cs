namespace Typed;

/// <summary>
/// A process made a call to itself (Erlang's <c>calling_self</c>). The call would wait on its own
/// mailbox forever, so it fails at once instead; nothing was sent.
/// </summary>
public sealed class CallingSelfException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pid">The process that called itself.</param>
    public CallingSelfException(Pid pid)
        : base($"The process {pid} made a call to itself; it would deadlock")
    {
        Pid = pid;
    }

    /// <summary>The process that called itself.</summary>
    public Pid Pid { get; }
}
