namespace Typed.Processes;

/// <summary>
/// Asks a process to stop in order: served ahead of user messages, it runs the terminate hook and
/// exits with <see cref="Reason"/>. Sent for an exit signal from the parent of a process that traps
/// exits (as gen_server does) and by <see cref="Node.StopAsync"/> (as <c>sys:terminate/2</c> does).
/// </summary>
internal sealed record StopRequest(ExitReason Reason);
