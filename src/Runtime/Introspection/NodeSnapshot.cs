using MemoryPack;

namespace Typed.Introspection;

/// <summary>
/// What one node says of itself when asked (<see cref="NodeIntrospection.IntrospectAsync"/>): its
/// processes, its connections, its supervisors, the global names and the process groups it holds.
/// Plain data, serialized over distribution: nothing in it runs code.
/// </summary>
/// <param name="Node">The node's name.</param>
/// <param name="Creation">The node's incarnation.</param>
/// <param name="TakenAtUnixMs">When the snapshot was taken, by the node's clock (Unix milliseconds).</param>
/// <param name="Uptime">How long the node has run, in milliseconds.</param>
/// <param name="ProcessCount">Processes alive on the node (all of them, also when <paramref name="Processes"/> was cut short).</param>
/// <param name="Processes">The processes, at most the limit asked for, longest mailboxes first.</param>
/// <param name="TickTimeMs">The node's distribution tick time in milliseconds; 0 when it is not distributed.</param>
/// <param name="Connections">The node's connections to other nodes.</param>
/// <param name="Supervisors">The node's supervisors and their children.</param>
/// <param name="GlobalNames">The cluster-wide names as this node's copy of the table holds them.</param>
/// <param name="Groups">The process groups with members on this node, per scope.</param>
[MemoryPackable]
public sealed partial record NodeSnapshot(
    string Node,
    uint Creation,
    long TakenAtUnixMs,
    long Uptime,
    int ProcessCount,
    ProcessSnapshot[] Processes,
    long TickTimeMs,
    ConnectionSnapshot[] Connections,
    SupervisorSnapshot[] Supervisors,
    GlobalNameSnapshot[] GlobalNames,
    GroupSnapshot[] Groups);
