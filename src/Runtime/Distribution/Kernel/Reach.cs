namespace Typed.Distribution.Kernel;

/// <summary>How far <see cref="NetKernel.Enqueue"/> goes to get a frame to a node that is not connected.</summary>
internal enum Reach
{
    /// <summary>Connects if need be (auto-connect): what processes and outside code send.</summary>
    Dial,

    /// <summary>
    /// Never starts a connection, but queues behind one under way (Erlang's <c>[noconnect]</c>): unlinks,
    /// demonitors, and what the cluster services send. Dropped when nothing connects the node.
    /// </summary>
    Pending,

    /// <summary>Only on a connection that is up: replies, exits and downs owed to a peer that is gone.</summary>
    Connected,
}
