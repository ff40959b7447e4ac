namespace Typed.Distribution;

/// <summary>Cutting this node off from chosen peers, to make partitions in tests.</summary>
internal sealed partial class NetKernel
{
    readonly HashSet<string> _blocked = new(StringComparer.Ordinal);

    /// <summary>Closes the connection to <paramref name="node"/> and refuses any new one, either way, until <see cref="Unblock"/>.</summary>
    public void Block(string node)
    {
        lock (_peers)
        {
            _blocked.Add(node);
        }

        Disconnect(node);
    }

    /// <summary>Lets <paramref name="node"/> connect again.</summary>
    public void Unblock(string node)
    {
        lock (_peers)
        {
            _blocked.Remove(node);
        }
    }

    bool IsBlocked(string node)
    {
        lock (_peers)
        {
            return _blocked.Contains(node);
        }
    }
}
