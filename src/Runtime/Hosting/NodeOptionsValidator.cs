using Microsoft.Extensions.Options;

namespace Typed.Hosting;

/// <summary>
/// Checks <see cref="NodeOptions"/> when the host starts (<c>ValidateOnStart</c>), so a bad setting
/// fails the start with every problem named, before the node binds a socket.
/// </summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var errors = new List<string>();
        var at = options.Name?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (options.Name is null || at <= 0 || at == options.Name.Length - 1 || options.Name.IndexOf('@', at + 1) >= 0)
        {
            errors.Add($"Name: '{options.Name}' is not a node name; use name@host (for example a@127.0.0.1)");
        }
        else if (options.Cookie is not null && options.Name == "nonode@nohost")
        {
            errors.Add("Name: a node with a Cookie takes part in distribution and needs a name of its own (name@host), not nonode@nohost");
        }

        if (options.Cookie is { Length: 0 })
        {
            errors.Add("Cookie: empty; leave it unset for a node without distribution");
        }

        foreach (var expected in options.Cluster.ExpectedNodes.Where(n => n.IndexOf('@', StringComparison.Ordinal) <= 0))
        {
            errors.Add($"Cluster:ExpectedNodes: '{expected}' is not a node name; use name@host");
        }

        if (options.MinPoolThreads < 0)
        {
            errors.Add($"MinPoolThreads: {options.MinPoolThreads}; must not be negative (0 leaves the thread pool as it is)");
        }

        if (options.Throughput < 1)
        {
            errors.Add($"Throughput: {options.Throughput}; must be at least 1");
        }

        if (options.CallTimeout <= TimeSpan.Zero && options.CallTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"CallTimeout: {options.CallTimeout}; must be positive, or infinite (-00:00:00.001)");
        }

        if (options.ShutdownTimeout < TimeSpan.Zero && options.ShutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"ShutdownTimeout: {options.ShutdownTimeout}; must not be negative");
        }

        if (options.Distribution is not { } d)
        {
            errors.Add("Distribution: must not be null");
            return ValidateOptionsResult.Fail(errors);
        }

        if (d.ListenAddress is null)
        {
            errors.Add("Distribution:ListenAddress: must not be null");
        }

        Port("Distribution:ListenPort", d.ListenPort, allowZero: true, errors);
        Port("Distribution:PortMapperPort", d.PortMapperPort, allowZero: false, errors);
        Positive("Distribution:TickTime", d.TickTime, errors);
        Positive("Distribution:HandshakeTimeout", d.HandshakeTimeout, errors);
        if (d.MaxFrameSize < 1024)
        {
            errors.Add($"Distribution:MaxFrameSize: {d.MaxFrameSize}; must be at least 1024 bytes");
        }

        if (d.OutgoingQueueLimit < 1)
        {
            errors.Add($"Distribution:OutgoingQueueLimit: {d.OutgoingQueueLimit}; must be at least 1");
        }

        foreach (var (node, endPoint) in d.StaticAddresses)
        {
            var a = node.IndexOf('@', StringComparison.Ordinal);
            if (a <= 0 || a == node.Length - 1)
            {
                errors.Add($"Distribution:StaticAddresses:{node}: not a full node name (name@host)");
            }

            if (endPoint is null || endPoint.Port == 0)
            {
                errors.Add($"Distribution:StaticAddresses:{node}: needs an address with a port");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static void Port(string what, int port, bool allowZero, List<string> errors)
    {
        if (port < (allowZero ? 0 : 1) || port > ushort.MaxValue)
        {
            errors.Add($"{what}: {port}; must be {(allowZero ? 0 : 1)} to 65535");
        }
    }

    static void Positive(string what, TimeSpan value, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{what}: {value}; must be positive");
        }
    }
}
