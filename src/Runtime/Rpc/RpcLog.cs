using Microsoft.Extensions.Logging;

namespace Typed.Rpc;

/// <summary>RPC's log events (event ids 1500-1549). Arguments and results are never logged.</summary>
internal static partial class RpcLog
{
    [LoggerMessage(1500, LogLevel.Warning, "Node {Node} got an RPC request from {From} for function id {FunctionId}, which it cannot run: {Detail}")]
    public static partial void UndefinedFunction(this Microsoft.Extensions.Logging.ILogger logger, string node, int functionId, Pid from, string detail);

    [LoggerMessage(1501, LogLevel.Debug, "RPC function {Function} raised {ExceptionType} in {Pid}: {Message}")]
    public static partial void FunctionRaised(this Microsoft.Extensions.Logging.ILogger logger, string function, Pid pid, string exceptionType, string message);

    [LoggerMessage(1502, LogLevel.Warning, "Node {Node} got an RPC request from {From} for {Function} whose arguments did not decode: {Detail}")]
    public static partial void BadArguments(this Microsoft.Extensions.Logging.ILogger logger, string node, string function, Pid from, string detail);

    [LoggerMessage(1503, LogLevel.Debug, "RPC function {Function} runs in {Pid}")]
    public static partial void FunctionStarted(this Microsoft.Extensions.Logging.ILogger logger, string function, Pid pid);
}
