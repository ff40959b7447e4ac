namespace Typed;

/// <summary>
/// Marks the behaviour's start hook (Erlang's <c>init/1</c>). It runs inside the new process
/// before any message. Its parameters become the behaviour's generated <c>StartArgs</c> record,
/// passed to <see cref="Node.Spawn{T}(IStartArgs{T}, SpawnOptions?)"/>. It may return
/// <c>void</c>, <see cref="System.Threading.Tasks.ValueTask"/> or <see cref="System.Threading.Tasks.Task"/>;
/// if it throws, the process exits with the exception as its reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class InitAttribute : Attribute;
