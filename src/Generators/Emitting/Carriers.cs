using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// How a call's or cast's arguments travel: in one of the runtime's shared carriers (<c>NoArgs</c>,
/// <c>Args&lt;T1&gt;</c> ... <c>Args&lt;T1, ..., T8&gt;</c>), whose formatters are the runtime's and are
/// registered once per closed type; a handler of more than eight parameters keeps a generated message class
/// and formatter of its own. Either way the bytes are MemoryPack's for a record of those fields.
/// </summary>
/// <remarks>
/// Why: a class and a formatter per handler were about a third of what a behaviour added to the assembly
/// (types, methods, fields, constants and their metadata), all the same shape for every handler.
/// </remarks>
internal static class Carriers
{
    /// <summary>The largest parameter list a runtime carrier takes.</summary>
    public const int MaxArity = 8;

    /// <summary>Whether <paramref name="handler"/>'s arguments travel in a runtime carrier (else in a generated class).</summary>
    public static bool Carries(HandlerModel handler) => handler.MessageParameters.Count() <= MaxArity;

    /// <summary>Whether arguments of these types (cancellation tokens left out) travel in a runtime carrier.</summary>
    public static bool Carries(IReadOnlyCollection<ParameterModel> parameters) => parameters.Count <= MaxArity;

    /// <summary>The carrier of arguments of these types (cancellation tokens left out): <c>NoArgs</c> or <c>Args&lt;...&gt;</c>.</summary>
    public static string CarrierType(IReadOnlyCollection<ParameterModel> parameters) =>
        parameters.Count == 0
            ? RuntimeNamespaces.CompilerServices + "NoArgs"
            : RuntimeNamespaces.CompilerServices + "Args<" + string.Join(", ", parameters.Select(p => p.Type)) + ">";

    /// <summary>The carrier's member that holds argument <paramref name="index"/>: <c>Arg1</c>, <c>Arg2</c>...</summary>
    public static string CarrierField(int index) => "Arg" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The message's type: <c>global::Typed.CompilerServices.Args&lt;int&gt;</c>, or the generated <c>global::Ns.Counter.Messages.Add</c>.</summary>
    public static string MessageType(BehaviourModel model, HandlerModel handler)
    {
        if (!Carries(handler))
        {
            return model.Type.TypeRef + ".Messages." + handler.Name;
        }

        return CarrierType(handler.MessageParameters.ToList());
    }

    /// <summary>The message's value in a proxy: the shared empty instance, or a new carrier (or class) of <paramref name="arguments"/>.</summary>
    public static string New(BehaviourModel model, HandlerModel handler, IReadOnlyList<string> arguments) =>
        arguments.Count > 0 ? "new(" + string.Join(", ", arguments) + ")"
        : Carries(handler) ? RuntimeNamespaces.CompilerServices + "NoArgs.Instance"
        : MessageType(model, handler) + ".Instance";

    /// <summary>The member of the message that holds message parameter <paramref name="index"/>.</summary>
    public static string Field(HandlerModel handler, ParameterModel parameter, int index) =>
        Carries(handler) ? CarrierField(index) : parameter.PropertyName;

    /// <summary>
    /// The spec factory's arguments after the id and name for a carried message with fields: which
    /// arguments refuse null, which refuse null items (bit i for argument i), as its formatter would have.
    /// </summary>
    public static string Checks(IReadOnlyList<ParameterModel> parameters)
    {
        int nonNull = 0, items = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            nonNull |= parameters[i].NeedsNullForgiving ? 1 << i : 0;
            items |= parameters[i].RefusesNullItems ? 1 << i : 0;
        }

        return nonNull.ToString(CultureInfo.InvariantCulture) + ", " + items.ToString(CultureInfo.InvariantCulture);
    }
}
