using MemoryPack;
using Typed;

namespace PackageSmoke;

[MemoryPackable]
public partial record Job(int Id, string Payload);

[Process]
public partial class Counter
{
    int _n;
    int _jobs;

    [Call] public int Get() => _n;
    [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
    [Cast] public void Reset() => _n = 0;
    [Info] public void Handle(Job job) => _jobs += job.Id;
    [Call] public int Jobs() => _jobs;
}

[Supervisor(Strategy.OneForOne, Intensity = 3, Period = 10)]
[Child<Counter>("counter", Restart.Permanent)]
public partial class AppSupervisor;

[Rpc]
public static partial class Maths
{
    public static int Add(int a, int b) => a + b;
    public static string Where() => ProcessContext.Current?.Node.Name ?? "?";
}
