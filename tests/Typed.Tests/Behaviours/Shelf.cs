using Typed;

namespace Typed.Tests.Behaviours;

/// <summary>Keeps lists in its state and hands them out as they are: what isolation protects.</summary>
[Process]
public partial class Shelf
{
    readonly List<int> _items = [1, 2, 3];
    List<int> _kept = [];
    Crowd? _crowd;

    [Call]
    public List<int> Items() => _items;

    [Call]
    public int[] ItemsArray() => [.. _items];

    [Cast]
    public void Keep(List<int> items) => _kept = items;

    [Call]
    public int Kept() => _kept.Count;

    [Call]
    public void Hold(Crowd crowd) => _crowd = crowd;

    [Info]
    public void On(Crowd crowd) => _crowd = crowd;

    [Call]
    public int Held() => _crowd?.Notes.Count ?? -1;

    [Call]
    public int Name(string text) => text.Length;
}

/// <summary>Keeps the list its init hook was given.</summary>
[Process]
public partial class Seeded
{
    List<int> _seed = [];

    [Init]
    public void Init(List<int> seed) => _seed = seed;

    [Call]
    public int Count() => _seed.Count;
}
