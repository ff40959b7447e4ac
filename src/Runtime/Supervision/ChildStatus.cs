namespace Typed;

/// <summary>Where a child stands (the second element of OTP's <c>which_children</c> tuples).</summary>
public enum ChildStatus
{
    /// <summary>The child is alive; <see cref="ChildInfo.Pid"/> names it.</summary>
    Running = 0,

    /// <summary>A restart failed and will be tried again (OTP's <c>restarting</c>).</summary>
    Restarting = 1,

    /// <summary>The child is not running and will not be restarted unless asked (OTP's <c>undefined</c>).</summary>
    Terminated = 2,

    /// <summary>
    /// The child is not running because its node is in a minority (<see cref="SplitBrain.KeepMajority"/>);
    /// it starts again when the node is back in a majority.
    /// </summary>
    Suspended = 3,
}
