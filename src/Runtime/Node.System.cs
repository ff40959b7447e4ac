using Typed.CompilerServices;
using Typed.Processes;

namespace Typed;

/// <summary>
/// The node's system processes: the cluster services (the global name server, the process-group
/// scopes) are Typed processes like any other, registered under well-known local names so that the
/// same service on other nodes can reach them by <c>{Name, Node}</c>.
/// </summary>
public sealed partial class Node
{
    readonly Lock _systemLock = new();

    /// <summary>
    /// The process registered as <paramref name="name"/>, spawned as a <typeparamref name="T"/> if none
    /// runs: distributed nodes start their services with the node, a local node on first use.
    /// </summary>
    internal ProcessRef<T> EnsureSystem<T>(string name)
        where T : class, IProcessBehaviour<T>
    {
        lock (_systemLock)
        {
            if (Registry.Find(name) is { IsDead: false } running)
            {
                return new ProcessRef<T>(running);
            }

            return new ProcessRef<T>(SpawnCell(T.Descriptor, null, new SpawnOptions { Name = name }, null));
        }
    }

    /// <summary>Starts the services a distributed node must run before it talks to other nodes.</summary>
    void StartSystemProcesses()
    {
        StartGlobal();
        StartGroups();
    }

    /// <summary>Starts the global name server (<c>Node.Global.cs</c>).</summary>
    partial void StartGlobal();

    /// <summary>Starts the default process-group scope (<c>Node.Groups.cs</c>).</summary>
    partial void StartGroups();
}
