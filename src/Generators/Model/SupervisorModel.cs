namespace Typed.Generators.Model;

/// <summary>Everything the emitter needs to know of one <c>[Supervisor]</c> class.</summary>
/// <remarks>Equatable by value, like <see cref="BehaviourModel"/>.</remarks>
/// <param name="Type">Where the class lives and how it is named.</param>
/// <param name="Id">The behaviour id on the wire.</param>
/// <param name="Strategy">The <c>Typed.Strategy</c> member name.</param>
/// <param name="Intensity">Restarts allowed within the period.</param>
/// <param name="Period">The period in seconds.</param>
/// <param name="AutoShutdown">The <c>Typed.AutoShutdown</c> member name.</param>
/// <param name="Children">The children in start order.</param>
internal sealed record SupervisorModel(
    TypeShape Type,
    int Id,
    string Strategy,
    int Intensity,
    int Period,
    string AutoShutdown,
    EquatableArray<ChildModel> Children)
{
    /// <summary>Whether the one child is a template for dynamic children.</summary>
    public bool IsSimple => Strategy == "SimpleOneForOne";
}

/// <summary>One <c>[Child&lt;T&gt;]</c> of a supervisor.</summary>
/// <param name="Id">The child's id.</param>
/// <param name="TypeRef">The child behaviour's fully qualified type.</param>
/// <param name="Restart">The <c>Typed.Restart</c> member name.</param>
/// <param name="Shutdown">Milliseconds, or one of <c>Typed.Shutdown</c>'s values.</param>
/// <param name="Significant">Whether its exit counts for auto-shutdown.</param>
/// <param name="HasStartArgs">Whether the child's init hook takes arguments (its generated <c>StartArgs</c>).</param>
/// <param name="IsPublic">Whether the child type is visible outside its assembly (else its accessor is internal).</param>
/// <param name="Accessor">The generated accessor's method name, or null when the id gives no usable one.</param>
/// <param name="Node">The node the child runs on (<c>[Child(Node = ...)]</c>), or null for the supervisor's own.</param>
/// <param name="SplitBrain">The <c>Typed.SplitBrain</c> member name when not the default <c>Ignore</c>; otherwise null.</param>
internal sealed record ChildModel(
    string Id,
    string TypeRef,
    string Restart,
    int Shutdown,
    bool Significant,
    bool HasStartArgs,
    bool IsPublic,
    string? Accessor,
    string? Node = null,
    string? SplitBrain = null);
