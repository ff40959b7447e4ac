namespace Typed.Generators.Emitting;

/// <summary>
/// The one catalogue of where the runtime types that generated code names live (Orleans'
/// <c>LibraryTypes</c>): emitters write <c>RuntimeNamespaces.X + "Type"</c>, never a namespace literal.
/// </summary>
internal static class RuntimeNamespaces
{
    /// <summary>Types users write against: <c>ProcessRef&lt;T&gt;</c>, <c>IProcessBehaviour&lt;T&gt;</c>, <c>Pid</c>...</summary>
    public const string Root = "global::Typed.";

    /// <summary>The contract generated code calls and users do not: descriptors, codecs, dispatch, proxies.</summary>
    public const string CompilerServices = "global::Typed.CompilerServices.";

    /// <summary>RPC stubs, function descriptors and targets.</summary>
    public const string Rpc = "global::Typed.Rpc.";

    /// <summary>The supervisor core generated supervisors run on.</summary>
    public const string Supervision = "global::Typed.Supervision.";
}
