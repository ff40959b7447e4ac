using System.Net;

namespace Typed.Distribution.Discovery;

/// <summary>How a node registers with, and if need be hosts, its host's port mapper.</summary>
internal sealed class PortMapperOptions
{
    /// <summary>Where the mapper listens on this host (default loopback).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The mapper's port, the same on every host (default Erlang's 4369).</summary>
    public int Port { get; init; } = EpmdProtocol.DefaultPort;

    /// <summary>The node's short name: the part of <c>name@host</c> before the <c>@</c>.</summary>
    public required string ShortName { get; init; }

    /// <summary>The port the node accepts distribution connections on.</summary>
    public required int ListenPort { get; init; }

    /// <summary>Register as a hidden node (NodeType 72) rather than a normal one (77).</summary>
    public bool Hidden { get; init; }

    /// <summary>Start a mapper in this process when none answers (default), as Erlang starts <c>epmd</c>.</summary>
    public bool StartEmbedded { get; init; } = true;

    /// <summary>How long one request to a mapper may take, connect included.</summary>
    public TimeSpan Timeout { get; init; } = EpmdClient.DefaultTimeout;

    /// <summary>How many times a lost registration is retried before giving up.</summary>
    public int ReregisterAttempts { get; init; } = 10;

    /// <summary>The wait after the first failed retry; it doubles after each further one, up to <see cref="MaxReregisterBackoff"/>.</summary>
    public TimeSpan ReregisterBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two retries.</summary>
    public TimeSpan MaxReregisterBackoff { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, ushort.MaxValue, nameof(Port));
        EpmdProtocol.ValidateName(ShortName, nameof(ShortName));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListenPort, 1, nameof(ListenPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListenPort, ushort.MaxValue, nameof(ListenPort));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(ReregisterAttempts, nameof(ReregisterAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReregisterBackoff, TimeSpan.Zero, nameof(ReregisterBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReregisterBackoff, ReregisterBackoff, nameof(MaxReregisterBackoff));
    }
}
