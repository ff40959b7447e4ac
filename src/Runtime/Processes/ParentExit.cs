namespace Typed.Processes;

/// <summary>
/// An exit signal from the process's parent while it traps exits: like gen_server, the process then
/// runs its terminate hook and exits with the same reason instead of receiving an <see cref="ExitSignal"/>.
/// </summary>
internal sealed record ParentExit(ExitReason Reason);
