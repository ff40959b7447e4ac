using MemoryPack;

namespace Typed;

/// <summary>
/// An exit signal turned into a message, received by a process that traps exits
/// (Erlang's <c>{'EXIT', From, Reason}</c>). Handle it with an <c>[Info]</c> handler.
/// </summary>
/// <param name="From">The linked process that exited, or the process that called <c>Exit</c>.</param>
/// <param name="Reason">The reason the signal carries.</param>
[MemoryPackable]
public sealed partial record ExitSignal(Pid From, ExitReason Reason);
