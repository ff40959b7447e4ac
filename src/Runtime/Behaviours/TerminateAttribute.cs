namespace Typed;

/// <summary>
/// Marks the behaviour's stop hook (Erlang's <c>terminate/2</c>). It takes an optional
/// <see cref="ExitReason"/> parameter and runs inside the process as it exits for any reason but
/// <c>kill</c>. It may return <c>void</c>, <see cref="System.Threading.Tasks.ValueTask"/> or
/// <see cref="System.Threading.Tasks.Task"/>. An exception it throws is logged; the exit reason stays.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TerminateAttribute : Attribute;
