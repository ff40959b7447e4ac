namespace Typed.Observer.Views;

/// <summary>An action the page asks for: an exit signal to <see cref="Pid"/>, or a child's terminate or restart under supervisor <see cref="Pid"/>.</summary>
/// <param name="Pid">The process (the supervisor, for a child action), as the page shows it (<c>&lt;node.id.creation&gt;</c>).</param>
/// <param name="Reason">For an exit signal: <c>kill</c>, <c>shutdown</c>, <c>normal</c> or any other text (a custom reason).</param>
/// <param name="Child">For a child action: the child's id.</param>
internal sealed record ActionRequest(string? Pid, string? Reason, string? Child);
