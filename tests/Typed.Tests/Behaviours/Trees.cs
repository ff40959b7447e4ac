using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>A supervised worker: crashes, quits and records its starts and stops in the journal.</summary>
[Process]
public partial class Member(Journal journal)
{
    [Init]
    public void Init() => journal.Write($"start:{Context.Self}");

    [Call]
    public int Ping() => 1;

    [Cast]
    public void Crash() => throw new InvalidOperationException("member crashed");

    /// <summary>Exits with <c>normal</c>, or with <c>shutdown</c> when asked.</summary>
    [Cast]
    public void Quit(bool shutdown) => Context.Stop(shutdown ? ExitReason.Shutdown : ExitReason.Normal);
}

/// <summary>A worker that traps exits, so its terminate hook runs when its supervisor stops it.</summary>
[Process]
public partial class Trapper(Journal journal)
{
    [Init]
    public void Init() => Context.TrapExits = true;

    [Call]
    public int Ping() => 1;

    [Cast]
    public void Crash() => throw new InvalidOperationException("trapper crashed");

    [Terminate]
    public void Terminate(ExitReason reason) => journal.Write($"stop:{Context.Self}:{reason}");
}

/// <summary>A worker whose terminate hook never finishes: only a kill stops it.</summary>
[Process]
public partial class Stubborn(Journal journal, Gate gate)
{
    [Init]
    public void Init() => Context.TrapExits = true;

    [Terminate]
    public async Task Terminate(ExitReason reason)
    {
        journal.Write($"stubborn-stopping:{reason}");
        await gate.Task;
        journal.Write("stubborn-stopped");
    }
}

/// <summary>A worker whose init hook fails.</summary>
[Process]
public partial class Broken
{
    [Init]
    public void Init() => throw new InvalidOperationException("cannot start");
}

/// <summary>A dynamic child: started with a name.</summary>
[Process]
public partial class Job(Journal journal)
{
    string _name = "";

    [Init]
    public void Init(string name)
    {
        _name = name;
        journal.Write($"job:{name}");
    }

    [Call]
    public string Name() => _name;

    [Cast]
    public void Crash() => throw new InvalidOperationException("job crashed");

    [Cast]
    public void Finish() => Context.Stop();
}

[Supervisor(Strategy.OneForOne, Intensity = 10, Period = 60)]
[Child<Member>("a", Restart.Permanent)]
[Child<Member>("b", Restart.Permanent)]
[Child<Member>("c", Restart.Permanent)]
public partial class OneForOneTree;

[Supervisor(Strategy.OneForAll, Intensity = 10, Period = 60)]
[Child<Member>("a", Restart.Permanent)]
[Child<Member>("b", Restart.Permanent)]
[Child<Member>("c", Restart.Permanent)]
public partial class OneForAllTree;

[Supervisor(Strategy.RestForOne, Intensity = 10, Period = 60)]
[Child<Member>("a", Restart.Permanent)]
[Child<Member>("b", Restart.Permanent)]
[Child<Member>("c", Restart.Permanent)]
public partial class RestForOneTree;

[Supervisor(Strategy.OneForOne, Intensity = 10, Period = 60)]
[Child<Member>("permanent", Restart.Permanent)]
[Child<Member>("transient", Restart.Transient)]
[Child<Member>("temporary", Restart.Temporary)]
public partial class RestartTypesTree;

[Supervisor(Strategy.OneForAll, Intensity = 10, Period = 60)]
[Child<Member>("steady", Restart.Permanent)]
[Child<Member>("passing", Restart.Temporary)]
[Child<Member>("crashing", Restart.Permanent)]
public partial class TemporaryInGroupTree;

[Supervisor(Strategy.OneForOne, Intensity = 1, Period = 60)]
[Child<Member>("leaf", Restart.Permanent)]
public partial class MidTree;

[Supervisor(Strategy.OneForOne, Intensity = 1, Period = 60)]
[Child<MidTree>("mid", Restart.Permanent)]
public partial class TopTree;

[Supervisor(Strategy.OneForOne)]
[Child<Trapper>("first", Restart.Permanent)]
[Child<Trapper>("second", Restart.Permanent)]
[Child<Trapper>("third", Restart.Permanent)]
public partial class OrderedTree;

[Supervisor(Strategy.OneForOne)]
[Child<Stubborn>("stubborn", Restart.Permanent, Shutdown = 200)]
[Child<Trapper>("brutal", Restart.Permanent, Shutdown = Shutdown.BrutalKill)]
public partial class ShutdownTree;

[Supervisor(Strategy.SimpleOneForOne, Intensity = 10, Period = 60)]
[Child<Job>("job", Restart.Transient)]
public partial class JobPool;

[Supervisor(Strategy.OneForOne, AutoShutdown = AutoShutdown.AnySignificant)]
[Child<Member>("main", Restart.Transient, Significant = true)]
[Child<Member>("helper", Restart.Permanent)]
public partial class AutoTree;

[Supervisor(Strategy.OneForOne, AutoShutdown = AutoShutdown.AllSignificant)]
[Child<Member>("one", Restart.Temporary, Significant = true)]
[Child<Member>("two", Restart.Temporary, Significant = true)]
public partial class AllSignificantTree;

[Supervisor(Strategy.OneForOne)]
[Child<Member>("fine", Restart.Permanent)]
[Child<Broken>("broken", Restart.Permanent)]
public partial class FailingTree;

[Supervisor(Strategy.OneForOne, Intensity = 100_000, Period = 60)]
[Child<Member>("churn", Restart.Permanent)]
public partial class ChurnTree;
