namespace Typed;

/// <summary>One child as <see cref="Supervisor.WhichChildren{T}"/> reports it.</summary>
/// <param name="Id">The child's id; under simple_one_for_one, the template's id.</param>
/// <param name="Pid">The running child, or empty when it is not running.</param>
/// <param name="Status">Running, restarting or terminated.</param>
/// <param name="Type">Worker or supervisor.</param>
/// <param name="Behaviour">The child's behaviour type name.</param>
public sealed record ChildInfo(string Id, Pid Pid, ChildStatus Status, ChildType Type, string Behaviour);

/// <summary>The counts <see cref="Supervisor.CountChildren{T}"/> reports (OTP's <c>count_children</c>).</summary>
/// <param name="Specs">Child specs, running or not (dynamic children count one each).</param>
/// <param name="Active">Children that are running.</param>
/// <param name="Supervisors">Specs whose child is a supervisor.</param>
/// <param name="Workers">Specs whose child is a worker.</param>
public readonly record struct ChildCounts(int Specs, int Active, int Supervisors, int Workers);
