using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>A key-value store with sync and async handlers, a start argument and hooks that write to the journal.</summary>
[Process]
public partial class Store(Journal journal)
{
    readonly Dictionary<string, string> _data = [];
    string _label = "";

    [Init]
    public void Init(string label)
    {
        _label = label;
        journal.Write($"{label}:init");
    }

    [Call]
    public string? Get(string key) => _data.GetValueOrDefault(key);

    [Call]
    public async Task<int> PutAsync(string key, string value)
    {
        await Task.Yield();
        _data[key] = value;
        return _data.Count;
    }

    [Cast]
    public void Put(string key, string value) => _data[key] = value;

    [Call]
    public Pid Whoami() => Context.Self;

    [Call]
    public ProcessRef<Store> Me() => Self;

    [Call]
    public string Label() => _label;

    [Call]
    public void StopWith(string reason) => Context.Stop(ExitReason.Custom(reason));

    [Info]
    public void On(Note note) => _data["note"] = note.Text;

    [Terminate]
    public void Terminate(ExitReason reason) => journal.Write($"{_label}:terminate:{reason}");
}
