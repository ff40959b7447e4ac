namespace Typed;

/// <summary>
/// A call reached a process whose behaviour has no handler for it, for example through a
/// <see cref="ProcessRef{T}"/> of the wrong behaviour. The callee was not harmed; nothing was applied.
/// </summary>
public sealed class UnhandledMessageException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pid">The process that was called.</param>
    /// <param name="detail">What was not handled.</param>
    public UnhandledMessageException(Pid pid, string detail)
        : base($"The process {pid} does not handle {detail}")
    {
        Pid = pid;
    }

    /// <summary>The process that was called.</summary>
    public Pid Pid { get; }
}
