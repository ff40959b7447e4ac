using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Links, traps exits and records the exit signals it receives.</summary>
[Process]
public partial class Linker
{
    readonly List<string> _events = [];

    [Call]
    public void Trap(bool on) => Context.TrapExits = on;

    [Call]
    public void Link(Pid pid) => Context.Link(pid);

    [Call]
    public void Unlink(Pid pid) => Context.Unlink(pid);

    [Call]
    public ProcessRef<Linker> SpawnLinked() => Context.Spawn<Linker>(new SpawnOptions { Link = true });

    [Call]
    public ProcessRef<Idle> SpawnLinkedIdle() => Context.Spawn<Idle>(new SpawnOptions { Link = true });

    [Call]
    public ProcessRef<Worker> SpawnLinkedWorker(string name) => Context.Spawn<Worker>(new SpawnOptions { Link = true, Name = name });

    [Call]
    public int Ping() => 1;

    [Call]
    public ProcessRef<Linker> SpawnMonitored() => Context.Spawn<Linker>(new SpawnOptions { Monitor = true });

    [Call]
    public void SendExit(Pid pid, ExitReason reason) => Context.Exit(pid, reason);

    [Cast]
    public void Die(string reason) => Context.Stop(ExitReason.Custom(reason));

    [Cast]
    public void Fail(string message) => throw new InvalidOperationException(message);

    [Info]
    public void On(ExitSignal signal) => _events.Add($"exit:{signal.From.Id}:{signal.Reason}");

    [Info]
    public void On(Down down) => _events.Add($"down:{down.Pid.Id}:{down.Reason}");

    [Call]
    public List<string> Events() => _events;
}
