namespace Typed.Generators.Model;

/// <summary>The <c>[Init]</c> or <c>[Terminate]</c> hook.</summary>
/// <remarks>Equatable by value.</remarks>
/// <param name="Name">The hook method's name.</param>
/// <param name="Parameters">Its parameters (start arguments for init; nothing or the reason for terminate).</param>
/// <param name="Return">Void, ValueTask or Task.</param>
internal sealed record HookModel(string Name, EquatableArray<ParameterModel> Parameters, ReturnShape Return);
