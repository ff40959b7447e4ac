namespace Typed;

/// <summary>
/// Declares one child of a <see cref="SupervisorAttribute"/> class (an OTP child spec): a
/// <c>[Process]</c> or <c>[Supervisor]</c> type, its id, restart type and shutdown. Children start in
/// attribute order and stop in reverse order. Under <see cref="Strategy.SimpleOneForOne"/> the one
/// child declared is the template of every dynamic child.
/// </summary>
/// <typeparam name="T">The child's behaviour: a <c>[Process]</c> or <c>[Supervisor]</c> class.</typeparam>
/// <param name="id">The child's id, unique within the supervisor.</param>
/// <param name="restart">When the child is restarted.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ChildAttribute<T>(string id, Restart restart = Restart.Permanent) : Attribute
    where T : class
{
    /// <summary>The child's id, unique within the supervisor.</summary>
    public string Id { get; } = id;

    /// <summary>When the child is restarted.</summary>
    public Restart Restart { get; } = restart;

    /// <summary>
    /// How long, in milliseconds, the child gets to stop after <c>shutdown</c> before it is killed;
    /// or one of <see cref="Typed.Shutdown"/>'s values (brutal kill, infinity, the default).
    /// </summary>
    public int Shutdown { get; set; } = Typed.Shutdown.Default;

    /// <summary>
    /// Whether the child's exit counts for the supervisor's <see cref="AutoShutdown"/>. Only a
    /// transient or temporary child can be significant.
    /// </summary>
    public bool Significant { get; set; }

    /// <summary>
    /// The node the child runs on (<c>"name@host"</c>), as <see cref="ChildSpec.On(string)"/>: the
    /// supervisor spawns it there, linked, and waits for its init hook there; null (the default) for
    /// the supervisor's own node. For placements that fail over, build the spec with
    /// <see cref="ChildSpec.On(Placement)"/>.
    /// </summary>
    public string? Node { get; set; }

    /// <summary>
    /// What happens to the child when the supervisor's node is in a minority of the expected cluster:
    /// <see cref="SplitBrain.KeepMajority"/> stops it there until the node is back in a majority
    /// (<see cref="ChildSpec.With(SplitBrain)"/>).
    /// </summary>
    public SplitBrain SplitBrain { get; set; }
}
