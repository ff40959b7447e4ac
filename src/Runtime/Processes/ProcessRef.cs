using Typed.CompilerServices;
using Typed.Processes;
using Typed.Registry.Global;

namespace Typed;

/// <summary>
/// A typed handle on a process of behaviour <typeparamref name="T"/>, local or remote, known by
/// pid or by registered name. The generator adds one extension method per handler of
/// <typeparamref name="T"/>: <c>[Call]</c>s return a <see cref="ValueTask{TResult}"/>, <c>[Cast]</c>s
/// return at once, and <c>Send</c> delivers <c>[Info]</c> messages. A ref is a value: it can be copied,
/// compared, and put in messages (it travels as its pid or name).
/// </summary>
/// <typeparam name="T">The behaviour of the process.</typeparam>
[MemoryPack.MemoryPackable(MemoryPack.GenerateType.NoGenerate)] // written by ProcessRefFormatter<T>, registered per behaviour by generated code
public readonly partial struct ProcessRef<T> : IEquatable<ProcessRef<T>>
    where T : class, IProcessBehaviour<T>
{
    // A ProcessCell (local, by pid: the fast path) or a ProcessAddress (remote, or by name).
    readonly object? _target;
    readonly TimeSpan _timeout;

    internal ProcessRef(object target, TimeSpan timeout = default)
    {
        _target = target;
        _timeout = timeout;
    }

    /// <summary>The process's pid. For a ref by name it is the pid the name has on this node now, or empty.</summary>
    public Pid Pid => _target switch
    {
        ProcessCell cell => cell.Self,
        ProcessAddress { Name: null } address => address.Pid,
        ProcessAddress address => Routing.Router.For(address).LocalPid(address),
        GlobalAddress global => global.Pid,
        _ => default,
    };

    /// <summary>The registered name, for a ref made by name (<see cref="Node.At{T}(string)"/>); otherwise null.</summary>
    public string? Name => _target switch
    {
        ProcessAddress address => address.Name,
        GlobalAddress global => global.Name,
        _ => null,
    };

    /// <summary>True for the default value, which names no process.</summary>
    public bool IsEmpty => _target is null;

    /// <summary>The call timeout of this ref; <see cref="TimeSpan.Zero"/> means the node's default.</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>
    /// The same process with another call timeout (Erlang's <c>gen_server:call(Ref, Msg, Timeout)</c>).
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits for ever (the callee's exit still ends the call).
    /// </summary>
    /// <param name="timeout">How long a call through the returned ref waits for its reply.</param>
    public ProcessRef<T> WithTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A call timeout must be positive or infinite");
        }

        return new ProcessRef<T>(Target, timeout);
    }

    internal object Target => _target ?? throw new InvalidOperationException("This ProcessRef is empty: it names no process");

    internal string Describe() => _target switch
    {
        ProcessCell cell => cell.Self.ToString(),
        ProcessAddress address => address.ToString(),
        GlobalAddress global => global.ToString(),
        _ => "(empty)",
    };

    /// <inheritdoc />
    public bool Equals(ProcessRef<T> other)
    {
        if (_target is GlobalAddress g)
        {
            return other._target is GlobalAddress h && g.Name == h.Name;
        }

        if (other._target is GlobalAddress)
        {
            return false;
        }

        if (_target is ProcessAddress { Name: not null } a)
        {
            return other._target is ProcessAddress { Name: not null } b && a.Name == b.Name && a.NodeName == b.NodeName;
        }

        return other._target is not ProcessAddress { Name: not null } && Pid == other.Pid;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProcessRef<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _target switch
    {
        ProcessAddress { Name: not null } a => HashCode.Combine(a.Name, a.NodeName),
        GlobalAddress g => HashCode.Combine("global", g.Name),
        _ => Pid.GetHashCode(),
    };

    /// <summary>Compares two refs: equal when they name the same pid, or the same name on the same node.</summary>
    public static bool operator ==(ProcessRef<T> left, ProcessRef<T> right) => left.Equals(right);

    /// <summary>Compares two refs.</summary>
    public static bool operator !=(ProcessRef<T> left, ProcessRef<T> right) => !left.Equals(right);

    /// <summary>Converts to the process's pid.</summary>
    public static implicit operator Pid(ProcessRef<T> processRef) => processRef.Pid;

    /// <summary>Prints the pid, or <c>{name,node}</c> for a ref by name.</summary>
    public override string ToString() => Describe();
}
