namespace Typed.Generators.Model;

/// <summary>One parameter of a handler or hook, and how its message property is written by MemoryPack.</summary>
/// <remarks>Equatable by value: names and fully qualified type text.</remarks>
/// <param name="Name">The parameter's name as declared (escaped if it is a keyword).</param>
/// <param name="PropertyName">The message record's property: the name in PascalCase.</param>
/// <param name="Type">The fully qualified type, nullable annotations included.</param>
/// <param name="Write">How MemoryPack writes it.</param>
/// <param name="IsCancellationToken">A CancellationToken: not part of the message; the process's Stopping token is passed.</param>
/// <param name="NeedsNullForgiving">A non-nullable reference type read back as nullable.</param>
/// <param name="DefaultValue">The default value as C# text, if the parameter has one.</param>
/// <param name="PassByIn">An RPC function's <c>in</c> or <c>ref readonly</c> parameter: the invoker passes a local with <c>in</c>.</param>
/// <param name="RefusesNullItems">An array or collection whose items are a non-nullable reference type: a null item on the wire is refused.</param>
internal sealed record ParameterModel(
    string Name,
    string PropertyName,
    string Type,
    WriteKind Write,
    bool IsCancellationToken,
    bool NeedsNullForgiving,
    string? DefaultValue,
    bool PassByIn = false,
    bool RefusesNullItems = false);
