using System.ComponentModel;
using Typed.CompilerServices;

namespace Typed;

/// <summary>
/// One child of a supervisor (OTP's child spec): what to start, when to restart it and how to stop
/// it. The generator builds these from <see cref="ChildAttribute{T}"/>; build one with
/// <see cref="Of{T}(string, Restart, int, bool, string?)"/> to add a child at run time through
/// <see cref="Supervisor.StartChild{T}(ProcessRef{T}, ChildSpec, CancellationToken)"/>.
/// </summary>
public sealed class ChildSpec
{
    ChildSpec(string id, BehaviourDescriptor behaviour, object? startArgs, Restart restart, int shutdown, bool significant, bool template = false, string? name = null, Placement? placement = null, SplitBrain splitBrain = SplitBrain.Ignore)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
        }

        if (!Enum.IsDefined(restart))
        {
            throw new ArgumentOutOfRangeException(nameof(restart), restart, "Not a restart type");
        }

        if (!Enum.IsDefined(splitBrain))
        {
            throw new ArgumentOutOfRangeException(nameof(splitBrain), splitBrain, "Not a split-brain policy");
        }

        if (shutdown < Typed.Shutdown.Default)
        {
            throw new ArgumentOutOfRangeException(nameof(shutdown), shutdown, "Shutdown is milliseconds, or Shutdown.BrutalKill, Shutdown.Infinity or Shutdown.Default");
        }

        if (significant && restart == Restart.Permanent)
        {
            throw new ArgumentException($"Child {id}: a permanent child cannot be significant (it is always restarted)", nameof(significant));
        }

        if (behaviour.StartArgs is not null && startArgs is null && !template)
        {
            throw new ArgumentException($"Child {id}: the init hook of {behaviour.Name} takes arguments; give its StartArgs", nameof(startArgs));
        }

        Id = id;
        Behaviour = behaviour;
        StartArgs = startArgs;
        Restart = restart;
        Type = behaviour.IsSupervisor ? ChildType.Supervisor : ChildType.Worker;
        Shutdown = shutdown != Typed.Shutdown.Default ? shutdown
            : Type == ChildType.Supervisor ? Typed.Shutdown.Infinity
            : Typed.Shutdown.WorkerDefault;
        Significant = significant;
        Name = name;
        Placement = placement ?? Placement.Local;
        SplitBrain = splitBrain;
    }

    /// <summary>The child's id, unique within its supervisor.</summary>
    public string Id { get; }

    /// <summary>When the child is restarted.</summary>
    public Restart Restart { get; }

    /// <summary>Milliseconds the child gets to stop, <see cref="Typed.Shutdown.BrutalKill"/> or <see cref="Typed.Shutdown.Infinity"/>; the default already resolved.</summary>
    public int Shutdown { get; }

    /// <summary>Whether the child's exit counts for its supervisor's <see cref="AutoShutdown"/>.</summary>
    public bool Significant { get; }

    /// <summary>
    /// The local name the child is registered under at each start, before its init hook runs (what
    /// OTP's <c>start_link({local, Name}, ...)</c> does in a child's start function); null for none.
    /// A restarted child takes the name again; a start fails if another live process holds it.
    /// </summary>
    public string? Name { get; }

    /// <summary>
    /// Where the child runs, chosen again at each start and restart: its supervisor's node unless
    /// <see cref="On(string)"/> or <see cref="On(Typed.Placement)"/> says otherwise.
    /// </summary>
    public Placement Placement { get; }

    /// <summary>What happens to the child when its supervisor's node is in a minority; <see cref="SplitBrain.Ignore"/> unless <see cref="With(SplitBrain)"/> says otherwise.</summary>
    public SplitBrain SplitBrain { get; }

    /// <summary>Worker or supervisor.</summary>
    public ChildType Type { get; }

    /// <summary>The child's behaviour.</summary>
    public BehaviourDescriptor Behaviour { get; }

    /// <summary>The start arguments given to the child's init hook at every start, if it takes any.</summary>
    public object? StartArgs { get; }

    /// <summary>A child of behaviour <typeparamref name="T"/>, whose init hook takes no arguments.</summary>
    /// <typeparam name="T">A <c>[Process]</c> or <c>[Supervisor]</c> class.</typeparam>
    /// <param name="id">The child's id, unique within its supervisor.</param>
    /// <param name="restart">When the child is restarted.</param>
    /// <param name="shutdown">Milliseconds to stop, or a <see cref="Typed.Shutdown"/> value.</param>
    /// <param name="significant">Whether its exit counts for auto-shutdown.</param>
    /// <param name="name">A local name to register the child under at each start (<see cref="Name"/>); null for none.</param>
    public static ChildSpec Of<T>(string id, Restart restart = Restart.Permanent, int shutdown = Typed.Shutdown.Default, bool significant = false, string? name = null)
        where T : class, IProcessBehaviour<T> =>
        new(id, T.Descriptor, null, restart, shutdown, significant, name: name);

    /// <summary>A child of behaviour <typeparamref name="T"/> started with <paramref name="args"/> every time.</summary>
    /// <typeparam name="T">The behaviour, inferred from the arguments.</typeparam>
    /// <param name="id">The child's id, unique within its supervisor.</param>
    /// <param name="args">The behaviour's generated <c>StartArgs</c>.</param>
    /// <param name="restart">When the child is restarted.</param>
    /// <param name="shutdown">Milliseconds to stop, or a <see cref="Typed.Shutdown"/> value.</param>
    /// <param name="significant">Whether its exit counts for auto-shutdown.</param>
    /// <param name="name">A local name to register the child under at each start (<see cref="Name"/>); null for none.</param>
    public static ChildSpec Of<T>(string id, IStartArgs<T> args, Restart restart = Restart.Permanent, int shutdown = Typed.Shutdown.Default, bool significant = false, string? name = null)
        where T : class, IProcessBehaviour<T>
    {
        ArgumentNullException.ThrowIfNull(args);
        return new(id, T.Descriptor, args, restart, shutdown, significant, name: name);
    }

    /// <summary>
    /// A child as declared by <see cref="ChildAttribute{T}"/>; called by generated code. Under
    /// simple_one_for_one it is the template, whose start arguments come with each start.
    /// </summary>
    /// <typeparam name="T">The child's behaviour.</typeparam>
    /// <param name="id">The child's id.</param>
    /// <param name="restart">When the child is restarted.</param>
    /// <param name="shutdown">Milliseconds to stop, or a <see cref="Typed.Shutdown"/> value.</param>
    /// <param name="significant">Whether its exit counts for auto-shutdown.</param>
    /// <param name="template">Whether this is a simple_one_for_one template.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ChildSpec Declared<T>(string id, Restart restart, int shutdown, bool significant, bool template)
        where T : class, IProcessBehaviour<T> =>
        new(id, T.Descriptor, null, restart, shutdown, significant, template);

    /// <summary>
    /// This child on <paramref name="node"/> (<see cref="Placement.Fixed(string)"/>): the supervisor
    /// spawns it there, linked, and its start returns once its init hook has run there. When the node
    /// goes down the child exits with <c>noconnection</c>; restarts fail until the node is back.
    /// </summary>
    /// <param name="node">The node's full name.</param>
    public ChildSpec On(string node) => On(Placement.Fixed(node));

    /// <summary>This child placed by <paramref name="placement"/> at every start: restarts after its node goes down land on a live one.</summary>
    /// <param name="placement">Where the child runs.</param>
    public ChildSpec On(Placement placement)
    {
        ArgumentNullException.ThrowIfNull(placement);
        return new(Id, Behaviour, StartArgs, Restart, Shutdown, Significant, template: true, Name, placement, SplitBrain);
    }

    /// <summary>
    /// This child under the split-brain policy <paramref name="policy"/>: with
    /// <see cref="SplitBrain.KeepMajority"/> it runs only while its supervisor's node is in a majority
    /// of <see cref="ClusterOptions.ExpectedNodes"/>, a cluster singleton that never runs on both sides.
    /// </summary>
    /// <param name="policy">The policy.</param>
    public ChildSpec With(SplitBrain policy) =>
        new(Id, Behaviour, StartArgs, Restart, Shutdown, Significant, template: true, Name, Placement, policy);

    /// <summary>A spec a peer sent (Serialization.SupervisorFormatters); throws <see cref="ArgumentException"/> as the public factories do.</summary>
    internal static ChildSpec FromWire(string id, BehaviourDescriptor behaviour, object? startArgs, Restart restart, int shutdown, bool significant, string? name, Placement placement, SplitBrain splitBrain) =>
        new(id, behaviour, startArgs, restart, shutdown, significant, name: name, placement: placement, splitBrain: splitBrain);

    /// <summary>A template's spec for one dynamic child, started with <paramref name="args"/>.</summary>
    internal ChildSpec WithArgs(object? args) => new(Id, Behaviour, args, Restart, Shutdown, Significant, name: Name, placement: Placement, splitBrain: SplitBrain);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Id} ({Behaviour.Name}, {Restart}, {Type}{(ReferenceEquals(Placement, Placement.Local) ? "" : ", on " + Placement)})";
}
