using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Handlers that crash, hang, call themselves or wait on a gate, for call and exit tests.</summary>
[Process]
public partial class Worker(Journal journal, Gate gate)
{
    readonly List<string> _seen = [];

    [Call]
    public int Ping() => 1;

    [Call]
    public int Boom(string message) => throw new InvalidOperationException(message);

    [Cast]
    public void Crash(string message) => throw new InvalidOperationException(message);

    [Call]
    public async ValueTask<int> CrashAfterAwait(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    [Call]
    public async Task<int> Hang(CancellationToken cancellationToken)
    {
        journal.Write("hang-started");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            journal.Write("hang-cancelled");
            throw;
        }

        return 0;
    }

#pragma warning disable TYP2001 // Deliberate: the tests check that the runtime fails a call to self with CallingSelfException.
    [Call]
    public Task<int> CallSelf() => Self.Ping().AsTask();

    [Call]
    public async Task<int> CallSelfAfterAwait()
    {
        await Task.Delay(1);
        return await Self.Ping();
    }
#pragma warning restore TYP2001

    /// <summary>Keeps the mailbox closed until the test opens the gate.</summary>
    [Cast]
    public Task Block()
    {
        journal.Write("blocked");
        return gate.Task;
    }

    /// <summary>Holds its pool thread until the test opens the gate (a long synchronous step, on purpose).</summary>
    [Cast]
#pragma warning disable TYP2002 // the test needs a handler that holds its thread
    public void Hold() => gate.Task.Wait();
#pragma warning restore TYP2002

    [Call]
    public MonitorRef Watch(Pid pid) => Context.Monitor(pid);

    [Call]
    public bool Unwatch(MonitorRef monitor) => Context.Demonitor(monitor);

    [Cast]
    public void Note(string text) => _seen.Add(text);

    [Info]
    public void On(Down down) => _seen.Add($"down:{down.Pid.Id}:{down.Reason}");

    [Call]
    public List<string> Seen() => _seen;

    [Terminate]
    public void Terminate(ExitReason reason) => journal.Write($"worker-terminate:{reason.Kind}");
}
