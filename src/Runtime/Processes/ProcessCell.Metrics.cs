namespace Typed.Processes;

/// <summary>What metrics read of a cell without its lock.</summary>
internal sealed partial class ProcessCell
{
    /// <summary>
    /// Messages waiting in the mailbox (Erlang's <c>message_queue_len</c>): those posted and those the
    /// loop has taken but not handled yet. Read without the lock, so a snapshot: exact when the process
    /// is idle, approximate while it runs.
    /// </summary>
    internal int MailboxLength => Math.Max(0, Volatile.Read(ref _inCount)) + Math.Max(0, _outCount - _outIndex);
}
