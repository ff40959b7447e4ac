namespace Typed;

/// <summary>
/// Where a supervisor starts a child, decided again at every start and restart: so a child whose
/// node goes down (it exits with <c>noconnection</c>) is restarted on the placement's next live
/// node. Give one to a child with <see cref="ChildSpec.On(Placement)"/>; a child with neither a
/// placement nor a node runs on its supervisor's node.
/// </summary>
/// <remarks>
/// The live nodes are the supervisor's own node and the nodes it is connected to
/// (<see cref="Node.Nodes"/>), at the moment of the start. A placement that finds no live node fails
/// the start, and the supervisor counts it toward its restart intensity as OTP does.
/// </remarks>
public abstract class Placement
{
    private protected Placement()
    {
    }

    /// <summary>The supervisor's own node (the default).</summary>
    public static Placement Local { get; } = new LocalPlacement();

    /// <summary>
    /// Always <paramref name="node"/> (what <c>spawn_link(Node, ...)</c> does in an OTP child's start
    /// function): it is connected to if it is not yet; while it cannot be reached, starts fail.
    /// </summary>
    /// <param name="node">The node's full name.</param>
    public static Placement Fixed(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new FixedPlacement(node);
    }

    /// <summary>
    /// The first live node of <paramref name="nodes"/>, in order: OTP's distributed application
    /// node list. With <paramref name="takeover"/>, a child running on a later node moves back
    /// (stopped there, started anew) when an earlier node comes up, as OTP's takeover does.
    /// </summary>
    /// <param name="nodes">The nodes in order of preference; the supervisor's own node may be one of them.</param>
    /// <param name="takeover">Whether the child moves back to a preferred node when it returns.</param>
    public static Placement Preferred(IReadOnlyList<string> nodes, bool takeover = false)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0 || nodes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Give at least one node, none empty", nameof(nodes));
        }

        return new PreferredPlacement([.. nodes], takeover);
    }

    /// <summary>
    /// Each start on the next live node after the one the child last ran on, in name order: over
    /// <paramref name="nodes"/> when given, otherwise over every live node, this one included.
    /// </summary>
    /// <param name="nodes">The nodes to spread over; none for every live node.</param>
    public static Placement RoundRobin(params string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return new RoundRobinPlacement(nodes.Length == 0 ? null : [.. nodes.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Each start on the next live node, in name order after the one the child last ran on, among the
    /// nodes where the process group <paramref name="group"/> (the default scope) has members now:
    /// children follow wherever a service's members are.
    /// </summary>
    /// <param name="group">The process group whose members' nodes take the children.</param>
    public static Placement RoundRobinOverGroup(string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        return new GroupPlacement(group);
    }

    /// <summary>
    /// The live node that runs the fewest of this supervisor's children (ties by name): a
    /// supervisor's own view of load, which needs no question to other nodes.
    /// </summary>
    public static Placement LeastLoaded { get; } = new LeastLoadedPlacement();

    /// <summary>A placement of your own: <paramref name="choose"/> picks a live node, or null when none will do.</summary>
    /// <param name="choose">Picks the node for one start.</param>
    public static Placement Custom(Func<PlacementContext, string?> choose)
    {
        ArgumentNullException.ThrowIfNull(choose);
        return new CustomPlacement(choose);
    }

    /// <summary>Picks the node for one start of a child; null when no live node will do.</summary>
    /// <param name="context">The child, the live nodes and where the supervisor's children run.</param>
    public abstract string? Choose(PlacementContext context);

    /// <summary>For takeover: whether <paramref name="node"/> coming up should move a child now on <paramref name="current"/> there.</summary>
    internal virtual bool TakesOver(string node, string current) => false;

    /// <summary>Whether a child may ever move by takeover, so its supervisor watches nodes come up.</summary>
    internal virtual bool CanTakeOver => false;

    /// <summary>What goes on the wire in a child spec sent to a supervisor on another node.</summary>
    internal abstract PlacementWire Wire { get; }

    /// <summary>The placement a peer sent; null when its kind is unknown.</summary>
    internal static Placement? FromWire(PlacementWire wire) => wire.Kind switch
    {
        PlacementWire.LocalKind => Local,
        PlacementWire.FixedKind when wire.Nodes is [{ Length: > 0 } node] => Fixed(node),
        PlacementWire.PreferredKind when wire.Nodes is { Length: > 0 } nodes && !nodes.Any(string.IsNullOrEmpty) => Preferred(nodes, wire.Takeover),
        PlacementWire.RoundRobinKind when !wire.Nodes.Any(string.IsNullOrEmpty) => RoundRobin(wire.Nodes),
        PlacementWire.LeastLoadedKind => LeastLoaded,
        PlacementWire.GroupKind when wire.Nodes is [{ Length: > 0 } group] => RoundRobinOverGroup(group),
        _ => null,
    };

    sealed class LocalPlacement : Placement
    {
        public override string? Choose(PlacementContext context) => context.Self;

        internal override PlacementWire Wire => new(PlacementWire.LocalKind, [], false);

        public override string ToString() => "local";
    }

    sealed class FixedPlacement(string node) : Placement
    {
        public override string? Choose(PlacementContext context) => node;

        internal override PlacementWire Wire => new(PlacementWire.FixedKind, [node], false);

        public override string ToString() => node;
    }

    sealed class PreferredPlacement(string[] nodes, bool takeover) : Placement
    {
        public override string? Choose(PlacementContext context) => nodes.FirstOrDefault(context.IsLive);

        internal override bool CanTakeOver => takeover;

        internal override PlacementWire Wire => new(PlacementWire.PreferredKind, nodes, takeover);

        internal override bool TakesOver(string node, string current)
        {
            if (!takeover)
            {
                return false;
            }

            var up = Array.IndexOf(nodes, node);
            var now = Array.IndexOf(nodes, current);
            return up >= 0 && (now < 0 || up < now);
        }

        public override string ToString() => "preferred " + string.Join(", ", nodes) + (takeover ? " with takeover" : "");
    }

    sealed class RoundRobinPlacement(string[]? nodes) : Placement
    {
        public override string? Choose(PlacementContext context) =>
            Next(nodes?.Where(context.IsLive).ToArray() ?? [.. context.LiveNodes], context.Previous);

        /// <summary>The first of <paramref name="candidates"/> (in name order) after <paramref name="previous"/>; wraps around.</summary>
        internal static string? Next(string[] candidates, string? previous) =>
            candidates.Length == 0 ? null
            : previous is null ? candidates[0]
            : candidates.FirstOrDefault(n => string.CompareOrdinal(n, previous) > 0) ?? candidates[0];

        internal override PlacementWire Wire => new(PlacementWire.RoundRobinKind, nodes ?? [], false);

        public override string ToString() => "round robin" + (nodes is null ? "" : " over " + string.Join(", ", nodes));
    }

    sealed class GroupPlacement(string group) : Placement
    {
        public override string? Choose(PlacementContext context) =>
            RoundRobinPlacement.Next([.. context.NodesOfGroup(group)], context.Previous);

        internal override PlacementWire Wire => new(PlacementWire.GroupKind, [group], false);

        public override string ToString() => "round robin over group " + group;
    }

    sealed class LeastLoadedPlacement : Placement
    {
        public override string? Choose(PlacementContext context) =>
            context.LiveNodes.MinBy(context.ChildrenOn);

        internal override PlacementWire Wire => new(PlacementWire.LeastLoadedKind, [], false);

        public override string ToString() => "least loaded";
    }

    sealed class CustomPlacement(Func<PlacementContext, string?> choose) : Placement
    {
        public override string? Choose(PlacementContext context) => choose(context);

        internal override PlacementWire Wire =>
            throw new NotSupportedException("A custom placement runs code of this node: it cannot be sent to a supervisor on another node");

        public override string ToString() => "custom";
    }
}

/// <summary>A placement as a child spec carries it to another node: its kind, its nodes, takeover.</summary>
internal readonly record struct PlacementWire(byte Kind, string[] Nodes, bool Takeover)
{
    public const byte LocalKind = 0;
    public const byte FixedKind = 1;
    public const byte PreferredKind = 2;
    public const byte RoundRobinKind = 3;
    public const byte LeastLoadedKind = 4;
    public const byte GroupKind = 5;
}

/// <summary>What a <see cref="Placement"/> knows when it picks a node for one start.</summary>
public sealed class PlacementContext
{
    readonly IReadOnlyDictionary<string, int> _children;

    readonly Func<string, IReadOnlyList<Pid>> _groupMembers;

    internal PlacementContext(string childId, string self, IReadOnlyList<string> liveNodes, string? previous, IReadOnlyDictionary<string, int> children, Func<string, IReadOnlyList<Pid>> groupMembers)
    {
        _groupMembers = groupMembers;
        ChildId = childId;
        Self = self;
        LiveNodes = liveNodes;
        Previous = previous;
        _children = children;
    }

    /// <summary>The child's id.</summary>
    public string ChildId { get; }

    /// <summary>The supervisor's own node.</summary>
    public string Self { get; }

    /// <summary>The supervisor's node and the nodes it is connected to, in name order.</summary>
    public IReadOnlyList<string> LiveNodes { get; }

    /// <summary>The node the child ran on last, or null at its first start.</summary>
    public string? Previous { get; }

    /// <summary>Whether <paramref name="node"/> is live: the supervisor's node or connected to it.</summary>
    /// <param name="node">A node name.</param>
    public bool IsLive(string node) => LiveNodes.Contains(node, StringComparer.Ordinal);

    /// <summary>The live nodes where the process group <paramref name="group"/> (the default scope) has members now, in name order.</summary>
    /// <param name="group">A process group.</param>
    public IReadOnlyList<string> NodesOfGroup(string group) =>
        [.. _groupMembers(group).Select(p => p.Node).Distinct(StringComparer.Ordinal).Where(IsLive).Order(StringComparer.Ordinal)];

    /// <summary>How many of this supervisor's children run on <paramref name="node"/> now.</summary>
    /// <param name="node">A node name.</param>
    public int ChildrenOn(string node) => _children.TryGetValue(node, out var count) ? count : 0;
}
