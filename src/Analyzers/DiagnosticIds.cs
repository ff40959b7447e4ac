namespace Typed.Analyzers;

/// <summary>
/// Every diagnostic id Typed reports, in one catalogue. TYP0xxx: the generator itself; TYP1xxx:
/// declarations the generator cannot serve; TYP2xxx: code in handlers that misuses the process model;
/// TYP3xxx: supervisor declarations. Each id has a page at <c>docs/diagnostics/&lt;id&gt;.md</c>.
/// </summary>
public static class DiagnosticIds
{
    /// <summary>The generator itself failed (reported by Typed.Generators, not by an analyzer).</summary>
    public const string GeneratorFailed = "TYP0001";

    /// <summary>Typed declarations in a project the Typed generator did not run in (the package or generator reference is missing or broken).</summary>
    public const string GeneratorNotRun = "TYP0002";

    /// <summary>A <c>[Process]</c>, <c>[Supervisor]</c> or <c>[Rpc]</c> type, or a type containing one, is not <c>partial</c>.</summary>
    public const string NotPartial = "TYP1001";

    /// <summary>A handler or hook signature the generator cannot serve.</summary>
    public const string UnsupportedSignature = "TYP1002";

    /// <summary>A message, reply or start-argument type MemoryPack cannot serialize.</summary>
    public const string NotSerializable = "TYP1003";

    /// <summary>Handlers whose messages clash: one name twice, one id twice, two hooks of one kind.</summary>
    public const string MessageClash = "TYP1004";

    /// <summary>A <c>[Cast]</c> handler returns a value nobody receives.</summary>
    public const string CastReturnsValue = "TYP1005";

    /// <summary>A behaviour, supervisor or RPC class of a shape the generator does not support.</summary>
    public const string UnsupportedShape = "TYP1006";

    /// <summary>A message carries a <c>[MemoryPackable]</c> type that MemoryPack reads unchecked: a peer's bytes could crash the node.</summary>
    public const string UncheckedWireType = "TYP1007";

    /// <summary>A handler calls its own process: the reply must pass through the mailbox it is blocking.</summary>
    public const string CallToSelf = "TYP2001";

    /// <summary>A handler blocks its thread waiting for a task or a timer.</summary>
    public const string BlockingCall = "TYP2002";

    /// <summary>A handler hands its behaviour's state to code that runs outside the process.</summary>
    public const string StateEscapes = "TYP2003";

    /// <summary>A <c>[Process]</c> class has a mutable static field or property: state shared between processes.</summary>
    public const string MutableStatic = "TYP2004";

    /// <summary>Handlers of several behaviours call one another in a cycle.</summary>
    public const string CallCycle = "TYP2005";

    /// <summary>A supervisor child type is neither a <c>[Process]</c> nor a <c>[Supervisor]</c>.</summary>
    public const string InvalidChildType = "TYP3001";

    /// <summary>A supervisor declares a child id twice, or an empty one.</summary>
    public const string DuplicateChildId = "TYP3002";

    /// <summary>A supervisor or child setting out of range: intensity, period, shutdown, restart, strategy.</summary>
    public const string InvalidSupervisorValue = "TYP3003";

    /// <summary>Where each id's documentation page lives.</summary>
    public const string HelpLinkBase = "https://github.com/typed-dotnet/typed/blob/main/docs/diagnostics/";

    /// <summary>The documentation page of <paramref name="id"/>.</summary>
    /// <param name="id">A diagnostic id from this catalogue.</param>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";
}
