using Typed;

namespace Typed.Observer.Tests;

/// <summary>A worker that answers a ping.</summary>
[Process]
public partial class Worker
{
    [Call]
    public int Ping() => 1;
}

/// <summary>A worker with a registered name, so the pages can show one.</summary>
[Process]
public partial class Cache
{
    public const string Name = "cache";

    [Init]
    public void Start() => Context.Node.Register(Name, Context.Self);

    [Call]
    public int Size() => 0;
}

/// <summary>A nested supervisor: one for all over two workers.</summary>
[Supervisor(Strategy.OneForAll, Intensity = 3, Period = 10)]
[Child<Worker>("left")]
[Child<Worker>("right")]
public partial class PoolSupervisor;

/// <summary>The tree each test node runs: workers, a named cache and a nested pool.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 5, Period = 60)]
[Child<Worker>("worker", Restart.Permanent)]
[Child<Cache>("cache", Restart.Transient)]
[Child<PoolSupervisor>("pool")]
public partial class AppSupervisor
{
    public const string Name = "app";
}

/// <summary>A process that monitors and links to others when told.</summary>
[Process]
public partial class Watcher
{
    [Call]
    public void Watch(Pid pid) => Context.Monitor(pid);

    [Call]
    public void LinkTo(Pid pid) => Context.Link(pid);
}
