namespace Typed.Generators.Model;

/// <summary>
/// A positional <c>[MemoryPackable]</c> record whose reading Typed takes over from MemoryPack's own
/// generated code: its members are exactly its primary constructor's parameters, so a formatter of
/// the same layout that checks what it reads can be written from the parameters alone.
/// </summary>
/// <remarks>Equatable by value.</remarks>
/// <param name="TypeRef">The fully qualified reference: <c>global::Ns.Outer.Name</c>.</param>
/// <param name="Name">The record's simple name, for the formatter's name.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Parameters">The primary constructor's parameters, in order: the wire layout.</param>
/// <param name="Namespace">The record's namespace; empty for the global namespace.</param>
/// <param name="Nest">
/// The record and the types it is nested in, outermost first, when all are partial: the formatter is then
/// a nested class of the record (a short name); otherwise null, and it is a file-local class, whose
/// metadata name carries the generated file's path and 64-digit checksum.
/// </param>
internal sealed record WireRecordModel(string TypeRef, string Name, string HintName, EquatableArray<ParameterModel> Parameters, string Namespace = "", EquatableArray<ContainingTypeModel>? Nest = null);
