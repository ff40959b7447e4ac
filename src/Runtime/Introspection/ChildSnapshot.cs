using MemoryPack;

namespace Typed.Introspection;

/// <summary>One child of a supervisor.</summary>
/// <param name="Id">The child's id.</param>
/// <param name="Pid">The running child; empty when it is not running.</param>
/// <param name="Status">Running, restarting or terminated (<see cref="ChildStatus"/>'s name).</param>
/// <param name="Type">Worker or supervisor (<see cref="ChildType"/>'s name).</param>
/// <param name="Behaviour">The child's behaviour type name.</param>
/// <param name="Restart">Its restart type (<see cref="Typed.Restart"/>'s name).</param>
/// <param name="Restarts">How many times the supervisor has restarted it after an exit (restarts asked for by a <c>RestartChild</c> call do not count).</param>
/// <param name="LastExitReason">The exit reason that caused its last restart, if it was restarted.</param>
[MemoryPackable]
public sealed partial record ChildSnapshot(
    string Id,
    Pid Pid,
    string Status,
    string Type,
    string Behaviour,
    string Restart,
    int Restarts,
    string? LastExitReason);
