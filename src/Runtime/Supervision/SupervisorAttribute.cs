namespace Typed;

/// <summary>
/// Declares a supervisor (OTP's <c>supervisor</c> behaviour) on a <c>partial</c> class; its children
/// are the <see cref="ChildAttribute{T}"/> attributes on the class, in start order. The generator
/// writes the child specs.
/// </summary>
/// <param name="strategy">How children are restarted.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SupervisorAttribute(Strategy strategy) : Attribute
{
    /// <summary>How children are restarted.</summary>
    public Strategy Strategy { get; } = strategy;

    /// <summary>At most this many restarts within <see cref="Period"/> seconds; one more and the supervisor gives up (OTP default: 1).</summary>
    public int Intensity { get; set; } = 1;

    /// <summary>The window, in seconds, over which <see cref="Intensity"/> counts restarts (OTP default: 5).</summary>
    public int Period { get; set; } = 5;

    /// <summary>Whether the supervisor stops itself when significant children exit.</summary>
    public AutoShutdown AutoShutdown { get; set; } = AutoShutdown.Never;

    /// <summary>An explicit behaviour id for the wire; zero derives one from the type name.</summary>
    public int Id { get; set; }
}
