namespace Typed;

/// <summary>
/// Marks a synchronous request handler (Erlang's <c>handle_call</c>). The caller awaits the
/// handler's result; the generated proxy method returns <see cref="System.Threading.Tasks.ValueTask{TResult}"/>
/// (or <see cref="System.Threading.Tasks.ValueTask"/> for handlers that return nothing).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CallAttribute : Attribute
{
    /// <summary>
    /// An explicit message id, unique within the behaviour. Zero (the default) lets the
    /// generator derive a stable id from the handler's name and parameter types.
    /// </summary>
    public int Id { get; set; }
}
