namespace Typed.Generators.Model;

/// <summary>One public static method of an <c>[Rpc]</c> class.</summary>
/// <remarks>Equatable by value: names, the id and the shapes the emitter switches on.</remarks>
/// <param name="Name">The method's name (escaped if a keyword); also the stubs' method name.</param>
/// <param name="Id">The function id written into the output.</param>
/// <param name="RecordName">The generated arguments record: the name plus <c>Args</c>, numbered for overloads.</param>
/// <param name="Parameters">Every parameter in order, cancellation tokens included; the others' properties are <c>Arg0</c>, <c>Arg1</c>...</param>
/// <param name="Return">How the method returns.</param>
/// <param name="ResultType">The result type (unwrapped from tasks); null when it returns nothing.</param>
/// <param name="Signature">The method's signature as plain text: <c>Ns.Maths.Add(int, int)</c>.</param>
internal sealed record RpcFunctionModel(
    string Name,
    int Id,
    string RecordName,
    EquatableArray<ParameterModel> Parameters,
    ReturnShape Return,
    string? ResultType,
    string Signature);
