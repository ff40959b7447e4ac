using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Typed.Distribution.Discovery;

/// <summary>
/// Nodes found by a fixed list instead of a port mapper: full node names (<c>name@host</c>, compared
/// ordinally) to where they listen. Frozen at construction; a node started with it never asks a mapper.
/// </summary>
internal sealed class StaticAddresses
{
    readonly FrozenDictionary<string, IPEndPoint> _nodes;

    public StaticAddresses(IEnumerable<KeyValuePair<string, IPEndPoint>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var (name, endPoint) in nodes)
        {
            var at = name?.IndexOf('@', StringComparison.Ordinal) ?? -1;
            if (at <= 0 || at == name!.Length - 1 || endPoint is null)
            {
                throw new ArgumentException($"Static address '{name}' -> '{endPoint}': need a full node name 'name@host' and an endpoint", nameof(nodes));
            }
        }

        _nodes = nodes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>How many nodes the list names.</summary>
    public int Count => _nodes.Count;

    /// <summary>Where <paramref name="nodeName"/> listens, if the list names it.</summary>
    public bool TryFind(string nodeName, [NotNullWhen(true)] out IPEndPoint? endPoint) =>
        _nodes.TryGetValue(nodeName, out endPoint);
}
