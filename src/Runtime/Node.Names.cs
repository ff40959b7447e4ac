namespace Typed;

/// <summary>Local name registration (Erlang's <c>register/2</c>, <c>unregister/1</c>, <c>whereis/1</c>, <c>registered/0</c>).</summary>
public sealed partial class Node
{
    /// <summary>Registers the local process <paramref name="pid"/> as <paramref name="name"/>.</summary>
    /// <param name="name">The name; one process per name, one name per process.</param>
    /// <param name="pid">A live process on this node.</param>
    /// <exception cref="NameTakenException">Another live process holds the name.</exception>
    /// <exception cref="ArgumentException">The process is not alive on this node, or already has a name.</exception>
    public void Register(string name, Pid pid)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var cell = FindLocal(pid) ?? throw new ArgumentException($"{pid} is not alive on {Name}", nameof(pid));
        Registry.Register(name, cell);
    }

    /// <summary>Removes a name. The process goes on.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True if the name was registered.</returns>
    public bool Unregister(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Registry.Unregister(name);
    }

    /// <summary>The process registered as <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name.</param>
    public Pid? WhereIs(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Registry.Find(name)?.Self;
    }

    /// <summary>Every name registered on this node.</summary>
    public IReadOnlyCollection<string> Registered => Registry.Names;
}
