using System.Collections.Concurrent;

namespace Typed.Tests.Behaviours;

/// <summary>A service behaviours write what happened to, so tests can read it from outside.</summary>
public sealed class Journal
{
    readonly ConcurrentQueue<string> _entries = new();

    public void Write(string entry) => _entries.Enqueue(entry);

    public IReadOnlyList<string> Entries => _entries.ToArray();

    public bool Contains(string entry) => _entries.Contains(entry);
}
