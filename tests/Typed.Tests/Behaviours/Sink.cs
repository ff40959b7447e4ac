using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Counts sequenced messages and the ordering violations per sender.</summary>
[Process]
public partial class Sink
{
    readonly Dictionary<int, int> _last = [];
    int _count;
    int _violations;

    [Info]
    public void On(Seq seq)
    {
        _count++;
        if (_last.TryGetValue(seq.Sender, out var last) && seq.N != last + 1)
        {
            _violations++;
        }

        _last[seq.Sender] = seq.N;
    }

    [Info]
    public void On(Bulk bulk) => On(new Seq(bulk.Sender, bulk.N));

    [Cast]
    public void Take(Bulk bulk) => On(new Seq(bulk.Sender, bulk.N));

    [Call]
    public int Count() => _count;

    [Call]
    public int Violations() => _violations;
}
