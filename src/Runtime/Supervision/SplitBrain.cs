namespace Typed;

/// <summary>What a supervisor does with a child when its node is on the minority side of a partition.</summary>
public enum SplitBrain
{
    /// <summary>Nothing: the child runs whatever the node sees (the default; Erlang's behaviour).</summary>
    Ignore = 0,

    /// <summary>
    /// The child runs only while its supervisor's node sees a strict majority of the expected cluster
    /// (<see cref="ClusterMembership.HasMajority"/>): on the minority side it is stopped, and started
    /// again once the node is back in a majority, so a singleton never runs on both sides of a
    /// partition (Akka's keep-majority split-brain resolver, for one child).
    /// </summary>
    KeepMajority = 1,
}
