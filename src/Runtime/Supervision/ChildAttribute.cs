namespace Typed;

/// <summary>
/// Declares one child of a <see cref="SupervisorAttribute"/> class (an OTP child spec): a
/// <c>[Process]</c> or <c>[Supervisor]</c> type, its id, restart type and shutdown. Children start in
/// attribute order and stop in reverse order.
/// </summary>
/// <typeparam name="T">The child's behaviour: a <c>[Process]</c> or <c>[Supervisor]</c> class.</typeparam>
/// <param name="id">The child's id, unique within the supervisor.</param>
/// <param name="restart">When the child is restarted.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ChildAttribute<T>(string id, Restart restart = Restart.Permanent) : Attribute
    where T : class
{
    /// <summary><see cref="Shutdown"/>: kill the child at once (OTP's <c>brutal_kill</c>).</summary>
    public const int BrutalKill = 0;

    /// <summary><see cref="Shutdown"/>: wait for the child however long it takes (OTP's <c>infinity</c>, the default for child supervisors).</summary>
    public const int Infinity = -1;

    /// <summary><see cref="Shutdown"/>: 5000 ms for workers, <see cref="Infinity"/> for supervisors.</summary>
    public const int Default = -2;

    /// <summary>The child's id, unique within the supervisor.</summary>
    public string Id { get; } = id;

    /// <summary>When the child is restarted.</summary>
    public Restart Restart { get; } = restart;

    /// <summary>
    /// How long, in milliseconds, the child gets to stop after <c>shutdown</c> before it is killed;
    /// or <see cref="BrutalKill"/>, <see cref="Infinity"/>, <see cref="Default"/>.
    /// </summary>
    public int Shutdown { get; set; } = Default;

    /// <summary>Whether the child's exit counts for the supervisor's <see cref="AutoShutdown"/>.</summary>
    public bool Significant { get; set; }
}
