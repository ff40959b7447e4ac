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
}
