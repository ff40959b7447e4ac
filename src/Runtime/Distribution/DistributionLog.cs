using Microsoft.Extensions.Logging;
using Typed.Distribution.Protocol;

namespace Typed.Distribution;

/// <summary>The distribution layer's log messages (event ids 1400-1449).</summary>
internal static partial class DistributionLog
{
    [LoggerMessage(1400, LogLevel.Information, "Node {Node} listening for other nodes on {Endpoint}")]
    public static partial void Listening(this Microsoft.Extensions.Logging.ILogger logger, string node, string endpoint);

    [LoggerMessage(1401, LogLevel.Information, "Node {Node} up (connection {Direction})")]
    public static partial void NodeUp(this Microsoft.Extensions.Logging.ILogger logger, string node, string direction);

    [LoggerMessage(1402, LogLevel.Warning, "Node {Node} down: {Reason}")]
    public static partial void NodeDown(this Microsoft.Extensions.Logging.ILogger logger, string node, string reason);

    [LoggerMessage(1403, LogLevel.Warning, "Handshake with {Peer} failed: {Reason}")]
    public static partial void HandshakeFailed(this Microsoft.Extensions.Logging.ILogger logger, string peer, string reason);

    [LoggerMessage(1404, LogLevel.Debug, "Handshake with {Peer} ended: {Reason}")]
    public static partial void HandshakeEnded(this Microsoft.Extensions.Logging.ILogger logger, string peer, string reason);

    [LoggerMessage(1405, LogLevel.Warning, "Could not connect to {Node}: {Reason}")]
    public static partial void ConnectFailed(this Microsoft.Extensions.Logging.ILogger logger, string node, string reason);

    [LoggerMessage(1406, LogLevel.Warning, "The connection to {Node} is busy ({Queued} frames queued): senders wait for room")]
    public static partial void ConnectionBusy(this Microsoft.Extensions.Logging.ILogger logger, string node, long queued);

    [LoggerMessage(1409, LogLevel.Information, "The connection to {Node} has room again after {Milliseconds} ms busy")]
    public static partial void ConnectionNotBusy(this Microsoft.Extensions.Logging.ILogger logger, string node, long milliseconds);

    [LoggerMessage(1407, LogLevel.Error, "A {Kind} frame to {Node} could not be written; it is dropped")]
    public static partial void FrameNotWritten(this Microsoft.Extensions.Logging.ILogger logger, string node, FrameKind kind, Exception exception);

    [LoggerMessage(1408, LogLevel.Warning, "Dropped a message for {Node}: {Reason}")]
    public static partial void MessageDropped(this Microsoft.Extensions.Logging.ILogger logger, string node, string reason);
}
