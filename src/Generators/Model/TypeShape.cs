namespace Typed.Generators.Model;

/// <summary>
/// Where a declared class lives and how generated code names it: shared by behaviours and supervisors.
/// </summary>
/// <remarks>Equatable by value (strings and an <see cref="EquatableArray{T}"/> of records).</remarks>
/// <param name="Namespace">The containing namespace; empty for the global namespace.</param>
/// <param name="Name">The class's simple name.</param>
/// <param name="FullName">The display name, for logs and comments: <c>Ns.Outer.Name</c>.</param>
/// <param name="TypeRef">The fully qualified reference: <c>global::Ns.Outer.Name</c>.</param>
/// <param name="Accessibility"><c>public</c> or <c>internal</c>: what generated top-level types may be.</param>
/// <param name="ContainingTypes">The types the class is nested in, outermost first.</param>
/// <param name="ExtensionsClassName">The generated static class of extension methods on its <c>ProcessRef&lt;T&gt;</c>.</param>
/// <param name="HintPrefix">The start of the generated files' hint names.</param>
internal sealed record TypeShape(
    string Namespace,
    string Name,
    string FullName,
    string TypeRef,
    string Accessibility,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string ExtensionsClassName,
    string HintPrefix);
