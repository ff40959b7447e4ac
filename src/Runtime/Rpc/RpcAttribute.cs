namespace Typed;

/// <summary>
/// Declares a <c>static partial</c> class whose public static methods can be called on other nodes
/// (Erlang's <c>rpc</c>/<c>erpc</c>). The generator writes typed stubs: <c>Maths.On(node, target).Add(1, 2)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RpcAttribute : Attribute
{
    /// <summary>An explicit module id for the wire; zero derives one from the type name.</summary>
    public int Id { get; set; }
}
