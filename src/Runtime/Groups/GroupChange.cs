namespace Typed;

/// <summary>What happened to a group's membership (the <c>join</c> or <c>leave</c> of pg's monitor messages).</summary>
public enum GroupChange
{
    /// <summary>Processes joined the group.</summary>
    Joined,

    /// <summary>Processes left the group: by <see cref="ProcessGroups.LeaveAsync(string, Pid[])"/>, by exiting, or because their node went down.</summary>
    Left,
}
