using MemoryPack;

namespace Typed;

/// <summary>
/// The message a monitoring process receives when the monitored process exits
/// (Erlang's <c>{'DOWN', Ref, process, Pid, Reason}</c>). Handle it with an <c>[Info]</c> handler.
/// </summary>
/// <param name="Ref">The monitor that fired.</param>
/// <param name="Pid">The process that exited (or never existed).</param>
/// <param name="Reason">Why it exited: <c>noproc</c> if it was already gone, <c>noconnection</c> if its node was lost.</param>
[MemoryPackable]
public sealed partial record Down(MonitorRef Ref, Pid Pid, ExitReason Reason);
