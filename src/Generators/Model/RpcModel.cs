namespace Typed.Generators.Model;

/// <summary>Everything the emitter needs to know of one <c>[Rpc]</c> static class: its functions.</summary>
/// <remarks>
/// Must stay equatable (strings, numbers, <see cref="EquatableArray{T}"/> of records): the pipeline
/// caches on it, and an <c>ISymbol</c> or syntax node here would make every keystroke regenerate.
/// </remarks>
/// <param name="Type">Where the class lives and how it is named.</param>
/// <param name="Functions">Its public static methods, sorted by name and signature.</param>
/// <param name="FormatterRegistrations">Statements registering the formatters of every type the functions carry, without reflection.</param>
internal sealed record RpcModel(TypeShape Type, EquatableArray<RpcFunctionModel> Functions, EquatableArray<string> FormatterRegistrations);
