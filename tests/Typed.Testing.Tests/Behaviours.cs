using Typed;

namespace Typed.Testing.Tests;

/// <summary>A counter that says who it is.</summary>
[Process]
public partial class Counter
{
    int _count;

    [Call]
    public int Add(int n) => _count += n;

    [Call]
    public Pid Whoami() => Context.Self;

    [Call]
    public int Length(byte[] data) => data.Length;

    [Call]
    public async Task<int> Sleep(int milliseconds)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), Scheduling.SimulationContext.Clock);
        return milliseconds;
    }
}

/// <summary>Monitors processes and records the exit reasons it is told.</summary>
[Process]
public partial class Watcher
{
    readonly List<string> _downs = [];

    [Call]
    public MonitorRef Watch(Pid pid) => Context.Monitor(pid);

    [Info]
    public void On(Down down) => _downs.Add($"{down.Pid}:{down.Reason.Kind}");

    [Call]
    public List<string> Downs() => _downs;
}

/// <summary>A supervisor whose children are added at run time, on other nodes.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 5, Period = 60)]
public partial class Dispatcher;

/// <summary>A value read and written by separate calls: two clients that read, add one and write can lose an update.</summary>
[Process]
public partial class Register
{
    int _value;

    [Call]
    public int Get() => _value;

    [Call]
    public int Set(int value) => _value = value;
}

/// <summary>A child that crashes when told.</summary>
[Process]
public partial class Crasher
{
    [Cast]
    public void Crash() => throw new InvalidOperationException("crash on command");
}

/// <summary>A supervisor that gives up after more than 3 restarts within 5 seconds.</summary>
[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 5)]
public partial class Tight;

/// <summary>Records numbered casts by sender, in the order they arrive.</summary>
[Process]
public partial class Inbox
{
    readonly Dictionary<string, List<int>> _received = [];

    [Cast]
    public void Take(string sender, int number)
    {
        if (!_received.TryGetValue(sender, out var numbers))
        {
            _received[sender] = numbers = [];
        }

        numbers.Add(number);
    }

    [Call]
    public Dictionary<string, List<int>> Received() => _received;
}
