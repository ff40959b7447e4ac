namespace Typed.Generators.Model;

/// <summary>
/// The declarations of one source file, by kind, in declaration order: what its one generated file is
/// made of. One generated file per source file, not per declaration: the driver's cost per run grows
/// with the number of files it keeps.
/// </summary>
/// <remarks>Must stay equatable (arrays of equatable records): the pipeline caches on it.</remarks>
/// <param name="Behaviours">The <c>[Process]</c> classes.</param>
/// <param name="Supervisors">The <c>[Supervisor]</c> classes.</param>
/// <param name="RpcModules">The <c>[Rpc]</c> classes.</param>
/// <param name="WireRecords">The positional <c>[MemoryPackable]</c> records Typed reads itself.</param>
internal sealed record FileModel(
    EquatableArray<ParseResult<BehaviourModel>> Behaviours,
    EquatableArray<ParseResult<SupervisorModel>> Supervisors,
    EquatableArray<ParseResult<RpcModel>> RpcModules,
    EquatableArray<ParseResult<WireRecordModel>> WireRecords)
{
    /// <summary>A file that declares nothing the generator reads.</summary>
    public static readonly FileModel Empty = new(
        EquatableArray<ParseResult<BehaviourModel>>.Empty,
        EquatableArray<ParseResult<SupervisorModel>>.Empty,
        EquatableArray<ParseResult<RpcModel>>.Empty,
        EquatableArray<ParseResult<WireRecordModel>>.Empty);

    /// <summary>Whether the file declares nothing the generator reads.</summary>
    public bool IsEmpty => Behaviours.Count + Supervisors.Count + RpcModules.Count + WireRecords.Count == 0;
}
