using Microsoft.Extensions.Logging;

namespace Typed.Diagnostics;

/// <summary>
/// The runtime's log events, one source-generated method each. Event ids: 1000-1099 processes,
/// 1100-1199 node lifetime. Payloads are never logged above Debug.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Error, "Process {Pid} ({Behaviour}) crashed: {Reason}")]
    public static partial void ProcessCrashed(this ILogger logger, Pid pid, string behaviour, ExitReason reason, Exception? exception);

    [LoggerMessage(1001, LogLevel.Debug, "Process {Pid} ({Behaviour}) exited: {Reason}")]
    public static partial void ProcessExited(this ILogger logger, Pid pid, string behaviour, ExitReason reason);

    [LoggerMessage(1002, LogLevel.Error, "The terminate hook of {Pid} ({Behaviour}) threw")]
    public static partial void TerminateHookFailed(this ILogger logger, Pid pid, string behaviour, Exception exception);

    [LoggerMessage(1003, LogLevel.Warning, "Process {Pid} ({Behaviour}) has no handler for {Message}; dropped")]
    public static partial void UnhandledMessage(this ILogger logger, Pid pid, string behaviour, string message);

    [LoggerMessage(1100, LogLevel.Information, "Node {Node} started (creation {Creation})")]
    public static partial void NodeStarted(this ILogger logger, string node, uint creation);

    [LoggerMessage(1101, LogLevel.Information, "Node {Node} stopped; {Killed} processes had to be killed")]
    public static partial void NodeStopped(this ILogger logger, string node, int killed);

    [LoggerMessage(1102, LogLevel.Critical, "The kernel supervisor {Pid} exited ({Reason}): the node runs on without its global name server, process groups and RPC")]
    public static partial void KernelExited(this ILogger logger, Pid pid, ExitReason reason);

    [LoggerMessage(1200, LogLevel.Information, "Supervisor {Supervisor} started child {Child} as {Pid} ({Behaviour})")]
    public static partial void ChildStarted(this ILogger logger, Pid supervisor, string child, Pid pid, string behaviour);

    [LoggerMessage(1201, LogLevel.Error, "Supervisor {Supervisor}: child {Child} ({Pid}) terminated: {Reason}")]
    public static partial void ChildTerminated(this ILogger logger, Pid supervisor, string child, Pid pid, ExitReason reason);

    [LoggerMessage(1202, LogLevel.Information, "Supervisor {Supervisor}: child {Child} ({Pid}) exited: {Reason}")]
    public static partial void ChildExited(this ILogger logger, Pid supervisor, string child, Pid pid, ExitReason reason);

    [LoggerMessage(1203, LogLevel.Warning, "Supervisor {Supervisor} restarting child {Child} ({Strategy}), restart {Count} of at most {Intensity} in {Period} s")]
    public static partial void ChildRestarting(this ILogger logger, Pid supervisor, string child, Strategy strategy, int count, int intensity, int period);

    [LoggerMessage(1204, LogLevel.Error, "Supervisor {Supervisor}: child {Child} failed to start: {Reason}")]
    public static partial void ChildStartFailed(this ILogger logger, Pid supervisor, string child, ExitReason reason);

    [LoggerMessage(1205, LogLevel.Error, "Supervisor {Supervisor}: child {Child} ({Pid}) did not stop with shutdown: {Reason}")]
    public static partial void ChildShutdownError(this ILogger logger, Pid supervisor, string child, Pid pid, ExitReason reason);

    [LoggerMessage(1206, LogLevel.Error, "Supervisor {Supervisor} reached its maximum restart intensity ({Intensity} in {Period} s); shutting down")]
    public static partial void MaxRestartIntensity(this ILogger logger, Pid supervisor, int intensity, int period);

    [LoggerMessage(1207, LogLevel.Information, "Supervisor {Supervisor}: significant child {Child} exited; auto-shutdown ({Mode})")]
    public static partial void AutoShutdown(this ILogger logger, Pid supervisor, string child, AutoShutdown mode);

    [LoggerMessage(1208, LogLevel.Debug, "Supervisor {Supervisor} ignored an exit signal from {Pid}, not a current child: {Reason}")]
    public static partial void UnknownExit(this ILogger logger, Pid supervisor, Pid pid, ExitReason reason);

    [LoggerMessage(1209, LogLevel.Information, "Supervisor {Supervisor}: child {Child} ({Pid}) moves to {Node}, which its placement prefers (takeover)")]
    public static partial void ChildTakeover(this ILogger logger, Pid supervisor, string child, Pid pid, string node);

    [LoggerMessage(1210, LogLevel.Warning, "Supervisor {Supervisor}: child {Child} suspended, its node is in a minority (it sees {Members}); it starts again in a majority (keep-majority)")]
    public static partial void ChildSuspended(this ILogger logger, Pid supervisor, string child, string members);

    [LoggerMessage(1211, LogLevel.Information, "Supervisor {Supervisor}: child {Child} resumes, its node is back in a majority")]
    public static partial void ChildResumed(this ILogger logger, Pid supervisor, string child);
}
