using Microsoft.Extensions.Logging;
using Typed.CompilerServices;

namespace Typed;

/// <summary>How to start a <see cref="Node"/>. The node copies what it needs when it starts.</summary>
public sealed class NodeOptions
{
    /// <summary>
    /// The node's full name, <c>name@host</c> (Erlang's <c>-name</c>/<c>-sname</c>). The default,
    /// <c>nonode@nohost</c>, is a node that takes no part in distribution.
    /// </summary>
    public string Name { get; set; } = "nonode@nohost";

    /// <summary>
    /// The shared secret nodes must agree on to connect (Erlang's cookie); never sent on the wire.
    /// A node with a cookie is distributed: it listens for other nodes as <see cref="Distribution"/> says.
    /// </summary>
    public string? Cookie { get; set; }

    /// <summary>Where the node listens and how it finds and watches other nodes; used when <see cref="Cookie"/> is set.</summary>
    public DistributionOptions Distribution { get; set; } = new();

    /// <summary>
    /// Where behaviours' constructor dependencies come from. When null, the node builds a provider
    /// with logging only (from <see cref="LoggerFactory"/> when set).
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The node's own logs (crash reports, warnings). When null, taken from <see cref="Services"/>, else none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>How long a call waits for its reply unless its ref says otherwise (Erlang's default: 5 s).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many messages a process handles in one turn before it yields its thread to other processes.
    /// Higher is faster for busy processes, lower is fairer.
    /// </summary>
    public int Throughput { get; set; } = 100;

    /// <summary>
    /// The creation of this incarnation of the node name, which tells its pids from those of earlier
    /// runs. Zero (the default) picks 32 random bits for each start.
    /// </summary>
    public uint Creation { get; set; }

    /// <summary>
    /// The fewest worker threads the .NET thread pool keeps ready, raised to this when a node starts
    /// (never lowered; the setting is the whole OS process's). Processes run on the pool, and a handler
    /// busy for a while (building a large message, a long computation) holds a thread; the pool's
    /// default minimum is one thread per core and it adds more only slowly (about two a second), so on
    /// a small machine one busy handler held up every other process of the node: small calls waited
    /// 150-680 ms behind 60 MiB messages on 2 cores. Default: four per core, at least 8; 0 leaves the
    /// pool as it is.
    /// </summary>
    public int MinPoolThreads { get; set; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>The cluster this node expects to be part of: see <see cref="Node.Cluster"/>.</summary>
    public ClusterOptions Cluster { get; } = new();

    /// <summary>How long <see cref="Node.StopAsync"/> lets processes exit after <c>shutdown</c> before it kills them.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Custom resolve functions for clashing global names, by the name <see cref="GlobalResolve.Custom(string)"/>
    /// refers to. Give every node the same ones: the nodes that see a clash run the function themselves.
    /// </summary>
    public IDictionary<string, GlobalResolver> GlobalResolvers { get; } = new Dictionary<string, GlobalResolver>(StringComparer.Ordinal);

    /// <summary>The root supervisor's behaviour, set by <see cref="Supervise{T}(string?)"/>.</summary>
    internal BehaviourDescriptor? Root { get; private set; }

    /// <summary>The name the root supervisor is registered under, if any.</summary>
    public string? RootName { get; private set; }

    /// <summary>
    /// Makes <typeparamref name="T"/> the node's root supervisor (an OTP application's top
    /// supervisor): <see cref="Node.StartAsync"/> starts it and returns once its whole tree has
    /// started, or fails if it cannot; <see cref="Node.StopAsync"/> stops the tree first, in reverse
    /// start order. Reach it with <c>node.At&lt;T&gt;(name)</c>.
    /// </summary>
    /// <typeparam name="T">A <c>[Supervisor]</c> class.</typeparam>
    /// <param name="name">A local name to register the root under.</param>
    /// <returns>These options.</returns>
    public NodeOptions Supervise<T>(string? name = null)
        where T : class, IProcessBehaviour<T>, ISupervisor
    {
        Root = T.Descriptor;
        RootName = name;
        return this;
    }

    internal NodeOptions Clone() => (NodeOptions)MemberwiseClone();
}
