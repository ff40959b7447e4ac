namespace Typed;

/// <summary>
/// Marks an asynchronous request handler (Erlang's <c>handle_cast</c>). The generated proxy
/// method returns at once; nothing is sent back.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CastAttribute : Attribute
{
    /// <summary>
    /// An explicit message id, unique within the behaviour. Zero (the default) lets the
    /// generator derive a stable id from the handler's name and parameter types.
    /// </summary>
    public int Id { get; set; }
}
