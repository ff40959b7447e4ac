namespace Typed;

/// <summary>
/// The target node has no RPC function with the id the call named (Erlang's <c>undef</c>): the
/// module is not loaded there, or it was built from a different signature, or the arguments sent
/// did not decode as that function's. The function was not applied.
/// </summary>
public sealed class UndefinedFunctionException : TypedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="node">The node that was asked to run the function.</param>
    /// <param name="functionId">The function id the call named.</param>
    /// <param name="detail">What the target said.</param>
    public UndefinedFunctionException(string node, int functionId, string detail)
        : base($"Node {node} has no RPC function {functionId}: {detail}")
    {
        Node = node;
        FunctionId = functionId;
        Detail = detail;
    }

    /// <summary>The node that was asked to run the function.</summary>
    public string Node { get; }

    /// <summary>The generated function id the call named.</summary>
    public int FunctionId { get; }

    /// <summary>What the target said.</summary>
    public string Detail { get; }
}
