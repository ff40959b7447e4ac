using Microsoft.CodeAnalysis;

namespace Typed.Analyzers;

/// <summary>The descriptor of every rule the analyzers report; ids come from <see cref="DiagnosticIds"/>.</summary>
internal static class Descriptors
{
    const string Declarations = "Typed.Declarations";
    const string Concurrency = "Typed.Concurrency";
    const string Supervision = "Typed.Supervision";

    public static readonly DiagnosticDescriptor GeneratorNotRun = Create(
        DiagnosticIds.GeneratorNotRun,
        "The Typed generator did not run",
        "{0} class '{1}' has no generated code: the Typed source generator did not run in this project. Reference the 'Typed' package (it carries Typed.Generators.dll under analyzers/dotnet/cs), or add Typed.Generators as an analyzer: <ProjectReference Include=\".../Typed.Generators.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />",
        Declarations,
        DiagnosticSeverity.Error,
        "The generator writes each declaration's IProcessBehaviour<T> implementation, message records, dispatch, proxies and RPC stubs. When it does not run (a package without the generator, a project reference to the runtime without the generator as an analyzer, assets excluded) the uses of the declaration fail with CS0311, CS1061 or CS0117 and nothing says why; this rule does.");

    public static readonly DiagnosticDescriptor NotPartial = Create(
        DiagnosticIds.NotPartial,
        "Typed declarations must be partial",
        "'{0}' must be partial: {1}",
        Declarations,
        DiagnosticSeverity.Error,
        "The generator adds members to [Process], [Supervisor] and [Rpc] classes and to every type that contains one; without 'partial' it cannot, and generates nothing for the class.");

    public static readonly DiagnosticDescriptor UnsupportedSignature = Create(
        DiagnosticIds.UnsupportedSignature,
        "Handler signature not supported",
        "'{0}' cannot be {1}: {2}",
        Declarations,
        DiagnosticSeverity.Error,
        "A handler becomes a message record, a dispatch case and a proxy method; parameters passed by reference, pointers, ref structs, type parameters and 'async void' cannot travel in a message or be awaited, so the generator skips the whole behaviour.");

    public static readonly DiagnosticDescriptor NotSerializable = Create(
        DiagnosticIds.NotSerializable,
        "Type cannot be serialized",
        "The {0} of '{1}' has type '{2}', which MemoryPack cannot serialize{3}; mark it [MemoryPackable] partial, or use a supported type",
        Declarations,
        DiagnosticSeverity.Error,
        "Messages, replies and start arguments cross nodes as MemoryPack bytes; every type in them must be a primitive, an unmanaged struct, a string, a collection or BCL type MemoryPack supports, or a [MemoryPackable] type.");

    public static readonly DiagnosticDescriptor UncheckedWireType = Create(
        DiagnosticIds.UncheckedWireType,
        "Message type read unchecked",
        "The {0} of '{1}' carries '{2}', which MemoryPack reads with its own code, trusting what a peer sends: an authenticated peer could crash this node with it; make '{2}' a positional record (every member in its primary constructor, no MemoryPack member attributes), which Typed reads checked",
        Declarations,
        DiagnosticSeverity.Warning,
        "MemoryPack 1.21.4 takes a string's length header at its word (the headers 0x80000000-0x80000003 read out of bounds and end the process) and does not bound nesting (a deep enough value overflows the stack). Typed reads its own wire types and every positional [MemoryPackable] record with formatters that check both; a union, a version-tolerant or circular-reference type, a class, or a record with members outside its primary constructor is still read by MemoryPack's generated code.");

    public static readonly DiagnosticDescriptor MessageClash = Create(
        DiagnosticIds.MessageClash,
        "Handlers clash",
        "'{0}' clashes with '{1}': {2}",
        Declarations,
        DiagnosticSeverity.Error,
        "Every call and cast handler becomes a message record named after it with a message id, every info handler claims its message type and id, and a behaviour has one init and one terminate hook; two handlers cannot share a name, an id, a message type or a hook.");

    public static readonly DiagnosticDescriptor CastReturnsValue = Create(
        DiagnosticIds.CastReturnsValue,
        "Cast handler returns a value",
        "[Cast] handler '{0}' returns '{1}', which nobody receives: a cast sends no reply (make it a [Call], or return nothing)",
        Declarations,
        DiagnosticSeverity.Warning,
        "A cast returns to its sender at once, before the handler runs; whatever the handler returns is dropped.");

    public static readonly DiagnosticDescriptor UnsupportedShape = Create(
        DiagnosticIds.UnsupportedShape,
        "Declaration shape not supported",
        "'{0}' cannot be {1}: {2}",
        Declarations,
        DiagnosticSeverity.Error,
        "The generator builds behaviours from dependency injection and reaches them from generated code; it serves non-generic, non-abstract, non-static classes that are public or internal, nested only in public or internal types.");

    public static readonly DiagnosticDescriptor CallToSelf = Create(
        DiagnosticIds.CallToSelf,
        "Handler calls its own process",
        "'{0}' calls '{1}' on its own process: the reply would have to pass through the mailbox this handler is holding (it fails with CallingSelfException); call the method directly, or cast",
        Concurrency,
        DiagnosticSeverity.Error,
        "A process handles one message at a time; a call to itself waits for a reply that can only be made after the current handler returns.");

    public static readonly DiagnosticDescriptor BlockingCall = Create(
        DiagnosticIds.BlockingCall,
        "Handler blocks its thread",
        "'{0}' blocks a thread-pool thread inside handler '{1}'; await instead",
        Concurrency,
        DiagnosticSeverity.Warning,
        "Processes share the thread pool; a handler that blocks takes a thread from every other process and can starve the node, or deadlock when the awaited work needs a thread.");

    public static readonly DiagnosticDescriptor StateEscapes = Create(
        DiagnosticIds.StateEscapes,
        "Behaviour state escapes the process",
        "The {0} passed to '{1}' uses '{2}' of the behaviour on another thread, outside the process's mailbox; send the process a message with the result instead",
        Concurrency,
        DiagnosticSeverity.Warning,
        "A behaviour's state is safe because only its process touches it, one message at a time; code that runs on another thread races with the handlers.");

    public static readonly DiagnosticDescriptor MutableStatic = Create(
        DiagnosticIds.MutableStatic,
        "Mutable static state in a process",
        "'{0}' is mutable static state in [Process] class '{1}': every process of the behaviour shares it, on any thread",
        Concurrency,
        DiagnosticSeverity.Warning,
        "Processes share nothing: each has its own state and sees others only through messages. A static field or settable static property is shared by every instance, unsynchronized.");

    public static readonly DiagnosticDescriptor CallCycle = Create(
        DiagnosticIds.CallCycle,
        "Cycle of calls between behaviours",
        "This call is part of a cycle of calls between behaviours: {0}; when each waits on the next, none can answer (make one of them a cast)",
        Concurrency,
        DiagnosticSeverity.Warning,
        "A process waiting for a reply handles no other message; if the callee, directly or through others, calls back into it, all of them wait until the call times out.",
        WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidChildType = Create(
        DiagnosticIds.InvalidChildType,
        "Supervisor child is not a behaviour",
        "Child '{0}' of supervisor '{1}' is of type '{2}', which is neither a [Process] nor a [Supervisor]",
        Supervision,
        DiagnosticSeverity.Error,
        "A supervisor starts, watches and restarts processes; a child must be a [Process] or [Supervisor] class.");

    public static readonly DiagnosticDescriptor DuplicateChildId = Create(
        DiagnosticIds.DuplicateChildId,
        "Duplicate or empty child id",
        "{0}",
        Supervision,
        DiagnosticSeverity.Error,
        "A child id names the child for restart, terminate and delete; it must be non-empty and unique within its supervisor.");

    public static readonly DiagnosticDescriptor InvalidSupervisorValue = Create(
        DiagnosticIds.InvalidSupervisorValue,
        "Invalid supervisor setting",
        "{0}",
        Supervision,
        DiagnosticSeverity.Error,
        "Intensity must be zero or more, period one second or more, shutdown a time in milliseconds or one of Shutdown's values, and enum settings one of their named values.");

    static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description, DiagnosticIds.HelpLink(id), tags);
}
