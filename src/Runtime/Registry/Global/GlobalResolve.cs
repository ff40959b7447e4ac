namespace Typed;

/// <summary>
/// How a clash of global names is settled when two partitions of a cluster that each registered the
/// same name join again (the resolve function of Erlang's <c>global:register_name/3</c>). Every node
/// that sees the clash settles it the same way, so the rules are deterministic; the loser's own node
/// tells the loser.
/// </summary>
public sealed class GlobalResolve
{
    GlobalResolve(GlobalResolveKind kind, string? resolver)
    {
        Kind = kind;
        Resolver = resolver;
    }

    /// <summary>
    /// Erlang's default, <c>random_exit_name</c>: keeps one of the two (the lower pid, so every node
    /// picks the same) and kills the other with <c>kill</c>.
    /// </summary>
    public static GlobalResolve RandomExit { get; } = new(GlobalResolveKind.RandomExit, null);

    /// <summary>
    /// Erlang's <c>random_notify_name</c>: keeps one of the two (the lower pid) and sends the other a
    /// <see cref="GlobalNameConflict"/> message; it goes on running without the name.
    /// </summary>
    public static GlobalResolve RandomNotify { get; } = new(GlobalResolveKind.RandomNotify, null);

    /// <summary>Keeps the process on the node whose name sorts first; the other is sent a <see cref="GlobalNameConflict"/>.</summary>
    public static GlobalResolve LowerNode { get; } = new(GlobalResolveKind.LowerNode, null);

    /// <summary>
    /// Erlang's <c>notify_all_names</c>: unregisters the name and sends both processes a
    /// <see cref="GlobalNameConflict"/> naming the other.
    /// </summary>
    public static GlobalResolve NotifyAll { get; } = new(GlobalResolveKind.NotifyAll, null);

    /// <summary>
    /// A resolver of your own, found by <paramref name="name"/> in <see cref="NodeOptions.GlobalResolvers"/>
    /// on the nodes that see the clash (configure it on every node, as Erlang needs the fun's module
    /// loaded everywhere). It must be deterministic. If it is missing, throws, or returns neither pid,
    /// the name is unregistered and both processes are told.
    /// </summary>
    /// <param name="name">The resolver's name: the only part that travels on the wire.</param>
    public static GlobalResolve Custom(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new GlobalResolve(GlobalResolveKind.Custom, name);
    }

    internal GlobalResolveKind Kind { get; }

    internal string? Resolver { get; }

    internal static GlobalResolve From(GlobalResolveKind kind, string? resolver) => kind switch
    {
        GlobalResolveKind.RandomNotify => RandomNotify,
        GlobalResolveKind.LowerNode => LowerNode,
        GlobalResolveKind.NotifyAll => NotifyAll,
        GlobalResolveKind.Custom when resolver is not null => Custom(resolver),
        _ => RandomExit,
    };

    /// <summary>The rule's name, as Erlang spells the built-ins.</summary>
    public override string ToString() => Kind switch
    {
        GlobalResolveKind.RandomNotify => "random_notify_name",
        GlobalResolveKind.LowerNode => "lower_node_name",
        GlobalResolveKind.NotifyAll => "notify_all_names",
        GlobalResolveKind.Custom => "custom:" + Resolver,
        _ => "random_exit_name",
    };
}

/// <summary>The built-in resolve rules, as they travel on the wire.</summary>
internal enum GlobalResolveKind : byte
{
    RandomExit = 0,
    RandomNotify = 1,
    LowerNode = 2,
    NotifyAll = 3,
    Custom = 4,
}
