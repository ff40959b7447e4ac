namespace Typed.Rpc;

/// <summary>
/// The parent of this node's RPC workers (Erlang's <c>rex</c>), registered as <see cref="RegisteredName"/>
/// and started by the kernel supervisor.
/// </summary>
/// <remarks>
/// Design note. Every <see cref="RpcWorker"/> is spawned linked to the host, from wherever its request
/// arrives; the host runs no function itself, so it never waits. It traps exits: a worker that ends or
/// is killed reaches it as an <see cref="ExitSignal"/> and changes nothing. If the host dies (killed,
/// or stopped with the node), its links take every running worker with it, and each waiting caller
/// hears the worker's exit reason; the kernel supervisor starts a new host under the same name.
/// </remarks>
[Process]
internal sealed partial class RpcHost
{
    /// <summary>The local name of the host on every node (Erlang's <c>rex</c>).</summary>
    public const string RegisteredName = "rex";

    /// <summary>Registers the host's name and traps its workers' exits.</summary>
    [Init]
    public void Start()
    {
        Context.TrapExits = true;
        Context.Node.Register(RegisteredName, Context.Self);
    }

    /// <summary>A worker ended; its caller has had its answer (or the worker's exit reason) already.</summary>
    [Info]
    public void Ended(ExitSignal exit)
    {
    }
}
