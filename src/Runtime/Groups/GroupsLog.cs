using Microsoft.Extensions.Logging;

namespace Typed.Groups;

/// <summary>
/// The log events of process groups (event ids 1600-1649): scope servers starting, peers found,
/// synced and lost, local members joining, leaving and exiting. Group names and pids are logged at
/// Debug only; a lost peer at Information, since it drops that peer's members.
/// </summary>
internal static partial class GroupsLog
{
    [LoggerMessage(1600, LogLevel.Information, "Process-group scope {Scope} started on {Node} as {Pid}")]
    public static partial void ScopeStarted(this ILogger logger, string scope, string node, Pid pid);

    [LoggerMessage(1601, LogLevel.Debug, "Scope {Scope}: discovering peers {Nodes}")]
    public static partial void Discovering(this ILogger logger, string scope, string nodes);

    [LoggerMessage(1602, LogLevel.Debug, "Scope {Scope}: peer {Peer} discovered")]
    public static partial void PeerDiscovered(this ILogger logger, string scope, Pid peer);

    [LoggerMessage(1603, LogLevel.Debug, "Scope {Scope}: synced {Groups} groups, {Members} memberships from {Peer}")]
    public static partial void PeerSynced(this ILogger logger, string scope, Pid peer, int groups, int members);

    [LoggerMessage(1604, LogLevel.Information, "Scope {Scope}: peer {Peer} is gone ({Reason}); its {Members} memberships dropped")]
    public static partial void PeerLost(this ILogger logger, string scope, Pid peer, string reason, int members);

    [LoggerMessage(1605, LogLevel.Debug, "Scope {Scope}: {Pids} joined {Group}")]
    public static partial void Joined(this ILogger logger, string scope, string group, string pids);

    [LoggerMessage(1606, LogLevel.Debug, "Scope {Scope}: {Pids} left {Group}")]
    public static partial void Left(this ILogger logger, string scope, string group, string pids);

    [LoggerMessage(1607, LogLevel.Debug, "Scope {Scope}: member {Pid} exited ({Reason}) and left {Groups} groups")]
    public static partial void MemberExited(this ILogger logger, string scope, Pid pid, ExitReason reason, int groups);

    [LoggerMessage(1611, LogLevel.Warning, "Scope {Scope}: ignored {Message} naming '{Node}', which is not a node name")]
    public static partial void NotANode(this ILogger logger, string scope, string message, string node);

    [LoggerMessage(1608, LogLevel.Debug, "Scope {Scope}: ignored {Message} from {Peer}, not a known peer (lost and not yet rediscovered)")]
    public static partial void UnknownPeer(this ILogger logger, string scope, string message, Pid peer);

    [LoggerMessage(1612, LogLevel.Debug, "Scope {Scope}: ignored {Message} from {Peer}, whose node is no longer connected")]
    public static partial void StalePeer(this ILogger logger, string scope, string message, Pid peer);

    [LoggerMessage(1609, LogLevel.Debug, "Scope {Scope}: {Subscriber} monitors {Target} ({Ref})")]
    public static partial void Monitoring(this ILogger logger, string scope, Pid subscriber, string target, MonitorRef @ref);

    [LoggerMessage(1610, LogLevel.Debug, "Scope {Scope}: monitor {Ref} of {Subscriber} ended")]
    public static partial void MonitorEnded(this ILogger logger, string scope, MonitorRef @ref, Pid subscriber);
}
