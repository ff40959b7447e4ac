namespace Typed.Generators.Model;

/// <summary>
/// What parsing one declaration gave: a model to emit, nothing (invalid input, which the analyzers
/// report), or the text of an exception the parser itself threw (reported as TYP0001).
/// </summary>
/// <typeparam name="TModel">The model: a behaviour or a supervisor.</typeparam>
/// <remarks>Equatable by value.</remarks>
internal sealed record ParseResult<TModel>(TModel? Model, string? Failure)
    where TModel : class;
