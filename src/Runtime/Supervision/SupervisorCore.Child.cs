namespace Typed.Supervision;

/// <summary>The supervisor's record of each child.</summary>
public sealed partial class SupervisorCore
{
    /// <summary>One child spec and the process running it, if any, on this node or another.</summary>
    sealed class Child(ChildSpec spec)
    {
        public ChildSpec Spec { get; } = spec;

        /// <summary>The running process, or empty.</summary>
        public Pid Pid { get; private set; }

        /// <summary>The node it ran on last, for placements that move on (null before its first start).</summary>
        public string? LastNode { get; private set; }

        public bool IsRunning => !Pid.IsEmpty;

        public bool Restarting { get; set; }

        /// <summary>Not started, or stopped, because the node is in a minority (<see cref="SplitBrain.KeepMajority"/>).</summary>
        public bool Suspended { get; set; }

        public ChildInfo Info => new(
            Spec.Id,
            Pid,
            IsRunning ? ChildStatus.Running : Suspended ? ChildStatus.Suspended : Restarting ? ChildStatus.Restarting : ChildStatus.Terminated,
            Spec.Type,
            Spec.Behaviour.Name);

        public void Started(Pid pid)
        {
            Suspended = false;
            Pid = pid;
            LastNode = pid.Node;
            Restarting = false;
        }

        public void Stopped() => Pid = default;
    }
}
