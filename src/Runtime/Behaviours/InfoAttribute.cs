namespace Typed;

/// <summary>
/// Marks a handler for plain messages (Erlang's <c>handle_info</c>): the method takes exactly one
/// parameter, the message, which is a user <c>[MemoryPackable]</c> type or one of the runtime's
/// own messages (<see cref="Down"/>, <see cref="ExitSignal"/>). Messages reach it through
/// <see cref="ProcessRef{T}"/>'s generated <c>Send</c> methods or <see cref="Node.Send(Pid, object)"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class InfoAttribute : Attribute
{
    /// <summary>
    /// An explicit message id for the message type on the wire, unique within the behaviour.
    /// Zero (the default) lets the generator derive a stable id from the message type's name.
    /// </summary>
    public int Id { get; set; }
}
