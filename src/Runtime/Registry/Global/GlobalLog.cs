using Microsoft.Extensions.Logging;

namespace Typed.Registry.Global;

/// <summary>The global name registry's log events (event ids 1550-1599).</summary>
internal static partial class GlobalLog
{
    [LoggerMessage(1550, LogLevel.Warning, "global: name conflict over {Name} between {First} and {Second}, settled by {Rule}: kept {Kept}")]
    public static partial void NameClash(ILogger logger, string name, Pid first, Pid second, string rule, string kept);

    [LoggerMessage(1551, LogLevel.Error, "global: no resolver named '{Resolver}' on this node for the clash over {Name}; the name is unregistered")]
    public static partial void ResolverMissing(ILogger logger, string name, string resolver);

    [LoggerMessage(1552, LogLevel.Error, "global: the resolver '{Resolver}' threw settling the clash over {Name}; the name is unregistered")]
    public static partial void ResolverFailed(ILogger logger, string name, string resolver, Exception exception);

    [LoggerMessage(1553, LogLevel.Warning, "global: ignored a message naming '{Node}', which is not a node name")]
    public static partial void NotANode(ILogger logger, string node);

    [LoggerMessage(1554, LogLevel.Warning, "global: disconnecting {Lost}, which {Reporter} lost, so no node stays in both halves of a partition (prevent_overlapping_partitions)")]
    public static partial void OverlapCut(ILogger logger, string lost, string reporter);
}
