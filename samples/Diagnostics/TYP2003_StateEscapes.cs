namespace Typed.Samples.Diagnostics;

// TYP2003: the behaviour's state touched from another thread.
[Process]
public partial class Feed
{
    int _items;

    [Cast] public void Refresh() => Task.Run(() => _items++);
}
