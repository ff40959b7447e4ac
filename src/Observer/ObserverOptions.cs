using System.Net;

namespace Typed.Observer;

/// <summary>How the observer serves its pages and what it lets a browser do.</summary>
public sealed class ObserverOptions
{
    /// <summary>
    /// The token a browser must present (header <c>X-Typed-Observer-Token</c>) for an action: an exit
    /// signal, or terminating or restarting a supervisor's child. Null: a random one is generated when
    /// the observer is mapped, and returned (<see cref="ObserverEndpoints.AccessToken"/>,
    /// <see cref="ObserverHost.AccessToken"/>). Pages and snapshots need no token.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Whether the actions are served at all (default true). False: the observer only shows.</summary>
    public bool AllowActions { get; set; } = true;

    /// <summary>
    /// Whether clients other than loopback ones are answered (default false: a request from another
    /// address gets 403, whatever address the server binds).
    /// </summary>
    public bool AllowRemoteClients { get; set; }

    /// <summary>The address <see cref="NodeObserverExtensions.StartObserverAsync"/> binds (default loopback, 127.0.0.1).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>How often an open page gets a fresh view of the cluster (default 1 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node may take to answer a snapshot request before the page shows it unreachable (default 3 s).</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>At most this many processes per node in a view, those with the longest mailboxes first (default 2000).</summary>
    public int MaxProcessesPerNode { get; set; } = Introspection.NodeIntrospection.DefaultMaxProcesses;

    internal ObserverOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(ListenAddress);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RefreshInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SnapshotTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxProcessesPerNode);
        if (AccessToken is { Length: < 16 })
        {
            throw new ArgumentException("An access token must have at least 16 characters", nameof(AccessToken));
        }

        return this;
    }
}
