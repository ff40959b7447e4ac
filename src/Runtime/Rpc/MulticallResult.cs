namespace Typed;

/// <summary>
/// The outcome of an RPC multicall of a function that returns nothing (Erlang's <c>rpc:multicall</c>):
/// the nodes where it ran to completion, the failures of nodes that answered, and the bad nodes.
/// </summary>
public class MulticallResult
{
    internal MulticallResult(IReadOnlyList<string> nodes, IReadOnlyList<string> succeeded, IReadOnlyDictionary<string, Exception> failures, IReadOnlyList<string> badNodes)
    {
        Nodes = nodes;
        Succeeded = succeeded;
        Failures = failures;
        BadNodes = badNodes;
    }

    /// <summary>Every node asked, in the order given, each once.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The nodes where the function returned, in the order asked.</summary>
    public IReadOnlyList<string> Succeeded { get; }

    /// <summary>
    /// The nodes that answered with a failure (Erlang's <c>{badrpc, Reason}</c> entries), by node:
    /// <see cref="RemoteException"/> when the function raised, <see cref="UndefinedFunctionException"/>
    /// when the node has no such function, <see cref="ProcessExitedException"/> when its worker was killed.
    /// </summary>
    public IReadOnlyDictionary<string, Exception> Failures { get; }

    /// <summary>
    /// The nodes that gave no answer (Erlang's <c>BadNodes</c>): down, unreachable, or not answering
    /// within the timeout. The function may or may not have run on them.
    /// </summary>
    public IReadOnlyList<string> BadNodes { get; }
}

/// <summary>
/// The outcome of an RPC multicall (Erlang's <c>rpc:multicall</c>): each answering node's value, the
/// failures of nodes that answered, and the bad nodes that did not.
/// </summary>
/// <typeparam name="T">The function's result.</typeparam>
public sealed class MulticallResult<T> : MulticallResult
{
    internal MulticallResult(IReadOnlyList<string> nodes, IReadOnlyList<string> succeeded, IReadOnlyDictionary<string, T> values, IReadOnlyDictionary<string, Exception> failures, IReadOnlyList<string> badNodes)
        : base(nodes, succeeded, failures, badNodes) => Values = values;

    /// <summary>The function's value on each node where it returned, by node.</summary>
    public IReadOnlyDictionary<string, T> Values { get; }
}
