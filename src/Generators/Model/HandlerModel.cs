using System.Collections.Generic;
using System.Linq;

namespace Typed.Generators.Model;

/// <summary>One <c>[Call]</c>, <c>[Cast]</c> or <c>[Info]</c> handler.</summary>
/// <remarks>Equatable by value: the message record, the id and the shapes the emitters switch on.</remarks>
/// <param name="Kind">Call, cast or info.</param>
/// <param name="Name">The handler method's name (also the message record's and proxy method's name).</param>
/// <param name="Id">The message id written into the output.</param>
/// <param name="Parameters">Every parameter in order, cancellation tokens included.</param>
/// <param name="Return">How the handler returns.</param>
/// <param name="ResultType">The reply type for calls with a result (unwrapped from tasks); otherwise null.</param>
/// <param name="Signature">The handler's signature as text, for comments.</param>
/// <param name="Depth">For info handlers, how many base types the message type has: derived types are matched first.</param>
internal sealed record HandlerModel(
    HandlerKind Kind,
    string Name,
    int Id,
    EquatableArray<ParameterModel> Parameters,
    ReturnShape Return,
    string? ResultType,
    string Signature,
    int Depth)
{
    /// <summary>The parameters that travel in the message (cancellation tokens do not).</summary>
    public IEnumerable<ParameterModel> MessageParameters => Parameters.Where(p => !p.IsCancellationToken);
}
