namespace Typed.Generators.Model;

/// <summary>A type the behaviour is nested in, re-declared as <c>partial</c> around the generated part.</summary>
/// <remarks>Equatable by value: keyword and name only.</remarks>
internal sealed record ContainingTypeModel(string Keyword, string Name);
