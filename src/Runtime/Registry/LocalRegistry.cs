using System.Collections.Concurrent;
using Typed.Processes;

namespace Typed.Registry;

/// <summary>
/// Local names (Erlang's <c>register/2</c>, <c>whereis/1</c>): one name per process, one process per
/// name; a name is dropped when its process dies.
/// </summary>
internal sealed class LocalRegistry
{
    readonly ConcurrentDictionary<string, ProcessCell> _names = new(StringComparer.Ordinal);

    public ProcessCell? Find(string name) => _names.TryGetValue(name, out var cell) && !cell.IsDead ? cell : null;

    public IReadOnlyCollection<string> Names => _names.Keys.ToArray();

    /// <summary>Registers <paramref name="cell"/> under <paramref name="name"/>.</summary>
    /// <exception cref="NameTakenException">Another live process holds the name.</exception>
    /// <exception cref="ArgumentException">The process is dead or already has a name.</exception>
    public void Register(string name, ProcessCell cell)
    {
        while (true)
        {
            if (_names.TryAdd(name, cell))
            {
                break;
            }

            if (_names.TryGetValue(name, out var holder))
            {
                if (!holder.IsDead)
                {
                    throw new NameTakenException(name, holder.Self);
                }

                // The holder is dying and has not dropped its name yet: take it over.
                if (_names.TryUpdate(name, cell, holder))
                {
                    break;
                }
            }
        }

        if (!cell.TrySetName(name))
        {
            _names.TryRemove(new KeyValuePair<string, ProcessCell>(name, cell));
            throw new ArgumentException(
                cell.IsDead ? $"{cell.Self} is not alive" : $"{cell.Self} is already registered as '{cell.RegisteredName}'",
                nameof(cell));
        }
    }

    public bool Unregister(string name)
    {
        if (_names.TryRemove(name, out var cell))
        {
            cell.ClearName(name);
            return true;
        }

        return false;
    }

    /// <summary>Drops the name if it still belongs to <paramref name="cell"/> (called when the process dies).</summary>
    public void Remove(string name, ProcessCell cell) =>
        _names.TryRemove(new KeyValuePair<string, ProcessCell>(name, cell));
}
