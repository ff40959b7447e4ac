using System.Runtime.CompilerServices;
using MemoryPack;
using Typed.CompilerServices;
using Typed.Groups;
using Typed.Registry.Global;

namespace Typed.Serialization;

/// <summary>
/// Registers the formatters of the runtime's own wire types when the assembly loads. MemoryPack
/// otherwise registers a type's formatter in its static constructor, or finds it by reflection on
/// first use; a node that reads a type before it ever made one (a name table from a peer, say)
/// would take the reflection path, which NativeAOT does not keep.
/// </summary>
internal static class RuntimeFormatters
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Registration must precede any read from the wire, whoever loads the assembly, as in generated code.")]
    internal static void Register()
    {
        // Read checked (CheckedFormatters), over MemoryPack's own, whatever registered first.
        MemoryPackFormatterProvider.Register(new CheckedStringFormatter());
        MemoryPackFormatterProvider.Register(new PidFormatter());
        MemoryPackFormatterProvider.Register(new MonitorRefFormatter());
        MemoryPackFormatterProvider.Register(new ExitReasonFormatter());
        MemoryPackFormatterProvider.Register<Unit>();
        MemoryPackFormatterProvider.Register(new EmptyMessageFormatter<NoArgs>(NoArgs.Instance));
        MemoryPackFormatterProvider.Register<NodeUp>();
        MemoryPackFormatterProvider.Register<NodeDown>();
        MemoryPackFormatterProvider.Register<Down>();
        MemoryPackFormatterProvider.Register<ExitSignal>();
        MemoryPackFormatterProvider.Register<GlobalNameConflict>();
        MemoryPackFormatterProvider.Register<GlobalEntry>();
        MemoryPackFormatterProvider.Register<GlobalEviction>();
        MemoryPackFormatterProvider.Register<GlobalTable>();
        MemoryPackFormatterProvider.Register<LockReply>();
        MemoryPackFormatterProvider.Register<GroupMembers>();
        MemoryPackFormatterProvider.Register<GroupMonitor>();
        MemoryPackFormatterProvider.Register<ScopeMonitor>();
        MemoryPackFormatterProvider.Register<GroupChanged>();

        // Supervisor requests and replies, so a supervisor on another node can be managed. On their
        // own node they pass as they are (the supervisor keeps nothing of a request it did not copy).
        MemoryPackFormatterProvider.Register(new ChildRequestFormatter());
        MemoryPackFormatterProvider.Register(new ChildReplyFormatter());
        MemoryPackFormatterProvider.Register(new ChildInfosFormatter());
        MemoryPackFormatterProvider.Register(new ChildCountsFormatter());
        Formatters.RegisterImmutable<Typed.Supervision.ChildRequest>();
        Formatters.RegisterImmutable<Typed.Supervision.ChildReply>();
        Formatters.RegisterImmutable<ChildInfo[]>();
        Formatters.RegisterImmutable<ChildCounts>();
    }
}
