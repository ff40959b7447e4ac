using MemoryPack;

namespace Typed.Introspection;

/// <summary>The introspection service's answer to a child action, as it crosses nodes: done, or the supervisor's refusal.</summary>
/// <param name="Done">Whether the supervisor did it.</param>
/// <param name="Error">Why not, when not done.</param>
/// <param name="Reason">The failed start's exit reason, or <c>noproc</c> when there was no such supervisor.</param>
[MemoryPackable]
internal sealed partial record ChildActionReply(bool Done, SupervisorError Error, ExitReason? Reason)
{
    public static readonly ChildActionReply Ok = new(true, default, null);

    public static ChildActionReply Failed(SupervisorError error, ExitReason? reason) => new(false, error, reason);
}
