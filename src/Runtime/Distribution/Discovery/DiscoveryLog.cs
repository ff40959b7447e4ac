using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Typed.Distribution.Discovery;

/// <summary>
/// Discovery's log events, one source-generated method each. Event ids 1300-1349: 1300-1319 the embedded
/// mapper, 1320-1349 a node's registration and lookups.
/// </summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(1300, LogLevel.Information, "Port mapper started in this process on {EndPoint}")]
    public static partial void EmbeddedMapperStarted(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(1301, LogLevel.Information, "Port mapper on {EndPoint} stopped")]
    public static partial void EmbeddedMapperStopped(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(1302, LogLevel.Debug, "Port {Address}:{Port} is taken; another process is the port mapper")]
    public static partial void MapperPortTaken(ILogger logger, IPAddress address, int port);

    [LoggerMessage(1303, LogLevel.Debug, "Port mapper registered '{Name}' at port {Port}, creation {Creation}, hidden {Hidden}")]
    public static partial void NodeRegistered(ILogger logger, string name, int port, uint creation, bool hidden);

    [LoggerMessage(1304, LogLevel.Debug, "Port mapper unregistered '{Name}'")]
    public static partial void NodeUnregistered(ILogger logger, string name);

    [LoggerMessage(1305, LogLevel.Warning, "Port mapper refused to register '{Name}' for {Remote}: the name is already registered")]
    public static partial void RegistrationRefused(ILogger logger, string name, EndPoint? remote);

    [LoggerMessage(1306, LogLevel.Warning, "Port mapper closed the connection from {Remote}: {Reason}")]
    public static partial void ClientRejected(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(1307, LogLevel.Debug, "Port mapper: {Remote} closed without sending a request")]
    public static partial void ClientClosedQuietly(ILogger logger, EndPoint? remote);

    [LoggerMessage(1308, LogLevel.Debug, "Port mapper: the connection from {Remote} failed")]
    public static partial void ClientConnectionFailed(ILogger logger, EndPoint? remote, Exception exception);

    [LoggerMessage(1309, LogLevel.Error, "Port mapper: serving {Remote} failed unexpectedly; that connection is closed, the mapper goes on")]
    public static partial void ClientHandlingFailed(ILogger logger, EndPoint? remote, Exception exception);

    [LoggerMessage(1310, LogLevel.Warning, "Port mapper on {EndPoint} failed to accept a connection ({Error}); still listening")]
    public static partial void AcceptFailed(ILogger logger, IPEndPoint endPoint, SocketError error, Exception exception);

    [LoggerMessage(1320, LogLevel.Information, "Node '{Name}' (port {Port}) registered with the port mapper on {Mapper}, creation {Creation}, mapper in this process: {Hosted}")]
    public static partial void Registered(ILogger logger, string name, int port, IPEndPoint mapper, uint creation, bool hosted);

    [LoggerMessage(1321, LogLevel.Information, "No port mapper answered on {Mapper} ({Reason}); starting one in this process")]
    public static partial void NoMapperAnswered(ILogger logger, IPEndPoint mapper, string reason);

    [LoggerMessage(1322, LogLevel.Debug, "Another process became the port mapper on {Mapper} first (round {Round}); registering with it")]
    public static partial void LostMapperRace(ILogger logger, IPEndPoint mapper, int round);

    [LoggerMessage(1323, LogLevel.Warning, "Node '{Name}' lost its registration with the port mapper on {Mapper}; registering again")]
    public static partial void RegistrationLost(ILogger logger, string name, IPEndPoint mapper);

    [LoggerMessage(1324, LogLevel.Information, "Node '{Name}' registered again with the port mapper on {Mapper} (attempt {Attempt}, mapper creation {MapperCreation}; the node keeps creation {Creation}), mapper in this process: {Hosted}")]
    public static partial void Reregistered(ILogger logger, string name, IPEndPoint mapper, int attempt, uint mapperCreation, uint creation, bool hosted);

    [LoggerMessage(1325, LogLevel.Warning, "Node '{Name}' failed to register again, attempt {Attempt} of {Attempts}; next in {Delay}")]
    public static partial void ReregisterFailed(ILogger logger, string name, int attempt, int attempts, TimeSpan delay, Exception exception);

    [LoggerMessage(1326, LogLevel.Error, "Node '{Name}' gave up registering with a port mapper after {Attempts} attempts; other nodes cannot find it by name")]
    public static partial void ReregisterGaveUp(ILogger logger, string name, int attempts);

    [LoggerMessage(1327, LogLevel.Debug, "No port mapper answered on {Mapper} for a lookup of '{Name}'")]
    public static partial void LookupUnreachable(ILogger logger, string name, EndPoint mapper, Exception exception);
}
