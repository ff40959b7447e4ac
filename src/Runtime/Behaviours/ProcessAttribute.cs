namespace Typed;

/// <summary>
/// Declares a process behaviour (Erlang's <c>gen_server</c>). The class must be <c>partial</c>:
/// the Typed generator adds the message records, the mailbox dispatch, the typed proxy methods
/// on <see cref="ProcessRef{T}"/> and the factory that builds the behaviour from dependency injection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProcessAttribute : Attribute
{
    /// <summary>
    /// An explicit behaviour id used on the wire for remote spawn. Zero (the default) lets the
    /// generator derive a stable id from the fully qualified type name.
    /// </summary>
    public int Id { get; set; }
}
