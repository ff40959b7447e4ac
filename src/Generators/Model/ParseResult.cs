namespace Typed.Generators.Model;

/// <summary>
/// What parsing one declaration gave: a model to emit, nothing (invalid input, which the analyzers
/// report), or the text of an exception the parser itself threw (reported as TYP0001).
/// </summary>
/// <remarks>Equatable by value.</remarks>
internal sealed record ParseResult(BehaviourModel? Model, string? Failure);
