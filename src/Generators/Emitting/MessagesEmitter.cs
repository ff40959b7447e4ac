using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// Emits the behaviour's message classes (one per call and cast) and <c>StartArgs</c> record, their
/// MemoryPack formatters, the behaviour descriptor, and the module initializer that registers them:
/// MemoryPack's own generator does not see records another generator writes.
/// </summary>
internal static class MessagesEmitter
{
    public static string Emit(BehaviourModel model)
    {
        var self = model.Type.TypeRef;
        var w = Scaffold.Begin(model.Type, insideContainingTypes: true);
        w.Open("partial class " + model.Type.Name);
        var records = new List<(string Type, string Name, IReadOnlyList<ParameterModel> Parameters)>();

        if (model.Init is { Parameters.Count: > 0 } init)
        {
            w.Line("/// <summary>The start arguments of <c>" + model.Type.Name + "</c>: the parameters of its init hook <c>" + init.Name + "</c>.</summary>");
            ParamDocs(w, init.Parameters);
            w.Line("public sealed record StartArgs(" + RecordParameters(init.Parameters) + ") : " + RuntimeNamespaces.Root + "IStartArgs<" + self + ">;").Line();
            records.Add((self + ".StartArgs", "StartArgs", init.Parameters.ToList()));
        }

        w.Line("/// <summary>The descriptor of <c>" + model.Type.Name + "</c> (its arguments travel in the runtime's shared carriers, or in a class here for a handler of more than " + Carriers.MaxArity.ToString(CultureInfo.InvariantCulture) + " parameters).</summary>");
        w.Open("public static class Messages");
        foreach (var handler in model.Handlers.Where(h => h.Kind != HandlerKind.Info && !Carriers.Carries(h)))
        {
            var parameters = handler.MessageParameters.ToList();
            var id = handler.Id.ToString(CultureInfo.InvariantCulture);
            w.Line("/// <summary>The message of <c>" + handler.Signature + "</c>.</summary>");
            ParamDocs(w, parameters);
            OpenMessageClass(w, handler.Name, parameters, "MessageId", id, "The one instance: the message has no fields.", "The handler's");
            w.Close().Line();
            // Inside Messages the record's simple name is the record (StartArgs, outside it, stays fully qualified).
            records.Add((handler.Name, handler.Name, parameters));
        }

        EmitDescriptor(w, model);
        EmitRegistration(w, model, records);
        foreach (var record in records.Where(r => r.Parameters.Count > 0))
        {
            w.Line();
            EmitFormatter(w, record.Type, record.Name, record.Parameters);
        }

        w.Close();
        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: true);
    }

    static void EmitDescriptor(SourceWriter w, BehaviourModel model)
    {
        var self = model.Type.TypeRef;
        w.Line("/// <summary>What the runtime knows of <c>" + model.Type.Name + "</c>: its ids and its messages.</summary>");
        w.Line("internal static readonly " + RuntimeNamespaces.CompilerServices + "BehaviourDescriptor<" + self + "> Descriptor = new(");
        w.Indent();
        w.Line(model.Id.ToString(CultureInfo.InvariantCulture) + ",");
        w.Line(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(model.Type.FullName, quote: true) + ",");
        // No factory: the descriptor builds the behaviour through its generated IDescribedBehaviour.Create.
        w.Line("new " + RuntimeNamespaces.CompilerServices + "MessageSpec[]");
        w.Line("{");
        w.Indent();
        foreach (var handler in model.Handlers)
        {
            var id = handler.Id.ToString(CultureInfo.InvariantCulture);
            var name = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(handler.Name.TrimStart('@'), quote: true);
            var message = Carriers.MessageType(model, handler);
            var parameters = handler.MessageParameters.ToList();
            // A carrier with fields registers its formatter through the spec and checks nulls as the handler's parameters say.
            var checks = handler.Kind != HandlerKind.Info && parameters.Count > 0 && Carriers.Carries(handler) ? ", " + Carriers.Checks(parameters) : "";
            var spec = handler.Kind switch
            {
                HandlerKind.Call => "Call<" + message + (handler.ResultType is { } result ? ", " + result : "") + ">",
                HandlerKind.Cast => "Cast<" + message + ">",
                _ => "Info<" + Scaffold.NonNullable(parameters[0].Type) + ">",
            };
            w.Line(RuntimeNamespaces.CompilerServices + "MessageSpec." + spec + "(" + id + ", " + name + checks + "),");
        }

        w.Outdent();
        w.Line("},");
        w.Line(model.Init is { Parameters.Count: > 0 } ? Codec(self + ".StartArgs") + ");" : "null);");
        w.Outdent().Line();
    }

    static void EmitRegistration(SourceWriter w, BehaviourModel model, List<(string Type, string Name, IReadOnlyList<ParameterModel> Parameters)> records)
    {
        w.Line("/// <summary>Registers the formatters and the descriptor when the assembly loads: nothing is found by reflection.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void Register()");
        foreach (var record in records)
        {
            RegisterFormatter(w, record.Type, record.Name, record.Parameters);
        }

        foreach (var statement in model.FormatterRegistrations)
        {
            w.Line(statement);
        }

        w.Line(RuntimeNamespaces.CompilerServices + "Formatters.RegisterProcessRef<" + model.Type.TypeRef + ">();");
        w.Line(RuntimeNamespaces.CompilerServices + "BehaviourRegistry.Register(Descriptor);");
        w.Close();
    }

    /// <summary>
    /// The module initializer's registration of a record's formatter: a record without fields needs no
    /// class of its own (<c>Formatters.RegisterEmpty</c> reads its one instance); the others get one
    /// from <see cref="EmitFormatter"/>. A record whose fields are all immutable (<see cref="Immutable"/>)
    /// is immutable itself (get-only properties), so local delivery passes it as it is, uncopied.
    /// </summary>
    internal static void RegisterFormatter(SourceWriter w, string type, string name, IReadOnlyList<ParameterModel> parameters)
    {
        if (parameters.Count == 0)
        {
            w.Line(RuntimeNamespaces.CompilerServices + "Formatters.RegisterEmpty(" + type + (name == "StartArgs" ? "()" : ".Instance") + ");");
            return;
        }

        w.Line(RuntimeNamespaces.CompilerServices + "Formatters.Register(new " + name + "Formatter());");
        if (parameters.All(Immutable))
        {
            w.Line(RuntimeNamespaces.CompilerServices + "Formatters.RegisterImmutable<" + type + ">();");
        }
    }

    /// <summary>
    /// A field no one can change once the record is built: a value without references (numbers, enums,
    /// <c>DateTime</c>, structs of those), a string, or one of the runtime's immutable values.
    /// </summary>
    static bool Immutable(ParameterModel parameter) =>
        parameter.Write is WriteKind.Unmanaged or WriteKind.String
        || parameter.Type.TrimEnd('?') is "global::Typed.Pid" or "global::Typed.MonitorRef" or "global::Typed.ExitReason"
        || parameter.Type.StartsWith("global::Typed.ProcessRef<", System.StringComparison.Ordinal);

    /// <summary>
    /// The formatter of a record with fields: the object header is the generic base's
    /// (<c>MessageFormatter&lt;T&gt;</c>), this writes and reads the fields exactly as MemoryPack would.
    /// Records without fields get none (see <see cref="RegisterFormatter"/>).
    /// </summary>
    internal static void EmitFormatter(SourceWriter w, string type, string name, IReadOnlyList<ParameterModel> parameters, string access = "private", string[]? members = null)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        var count = parameters.Count.ToString(CultureInfo.InvariantCulture);
        w.Open(access + " sealed class " + name + "Formatter() : " + RuntimeNamespaces.CompilerServices + "MessageFormatter<" + type + ">(" + count + ")");
        w.Open("protected override void Write<TBufferWriter>(ref global::MemoryPack.MemoryPackWriter<TBufferWriter> writer, " + type + " value)");
        foreach (var p in parameters)
        {
            w.Line(p.Write switch
            {
                WriteKind.Unmanaged => "writer.WriteUnmanaged(value." + p.PropertyName + ");",
                WriteKind.String => "writer.WriteString(value." + p.PropertyName + ");",
                _ => "writer.WriteValue(value." + p.PropertyName + ");",
            });
        }

        w.Close().Line();
        w.Open("protected override " + type + " Read(ref global::MemoryPack.MemoryPackReader reader)");
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var local = "f" + i.ToString(CultureInfo.InvariantCulture);
            // Strings are read through the base's checked reader; a non-nullable member refuses null.
            var member = "\"" + p.PropertyName + "\"";
            w.Line(p.Write switch
            {
                WriteKind.Unmanaged => "reader.ReadUnmanaged(out " + p.Type + " " + local + ");",
                WriteKind.String when p.NeedsNullForgiving => "var " + local + " = RequiredString(ref reader, " + member + ");",
                WriteKind.String => "var " + local + " = ReadString(ref reader);",
                _ => "var " + local + " = " + Checked(p, "reader.ReadValue<" + p.Type + ">()", member) + ";",
            });
        }

        w.Line("return new(" + string.Join(", ", parameters.Select((_, i) => "f" + i.ToString(CultureInfo.InvariantCulture))) + ");");
        w.Close();
        if (members is not null)
        {
            w.Line();
            foreach (var line in members)
            {
                w.Line(line);
            }
        }

        w.Close();
    }

    /// <summary>A value read and checked as its declaration says: null refused where the member, or an item of it, is not nullable.</summary>
    static string Checked(ParameterModel p, string read, string member)
    {
        var value = p.RefusesNullItems ? "RequiredItems(" + read + ", " + member + ")" : read;
        return p.NeedsNullForgiving ? "Required(" + value + ", " + member + ")" : value;
    }

    static string Codec(string type) => RuntimeNamespaces.CompilerServices + "MessageCodec<" + type + ">.Instance";

    /// <summary>
    /// Opens a message (or RPC arguments) class: a sealed class whose primary constructor sets one get-only
    /// property per field, with its id as a constant, and one shared instance when it has no fields. Not a
    /// <c>record</c>: a message is only built, sent and read, and a record's equality, printing, cloning and
    /// deconstruction are a dozen members per message that the compiler binds and emits for nothing.
    /// </summary>
    internal static void OpenMessageClass(SourceWriter w, string name, IReadOnlyList<ParameterModel> parameters, string idName, string id, string instanceDoc, string fieldDoc)
    {
        w.Open("public sealed class " + name + (parameters.Count > 0 ? "(" + RecordParameters(parameters) + ")" : ""));
        w.Line("/// <summary>The " + (idName == "MessageId" ? "message" : "function") + " id on the wire.</summary>");
        w.Line("public const int " + idName + " = " + id + ";");
        if (parameters.Count == 0)
        {
            w.Line().Line("/// <summary>" + instanceDoc + "</summary>");
            w.Line("public static readonly " + name + " Instance = new();");
        }

        foreach (var p in parameters)
        {
            w.Line().Line("/// <summary>" + fieldDoc + " <c>" + p.Name.TrimStart('@') + "</c>.</summary>");
            w.Line("public " + p.Type + " " + p.PropertyName + " { get; } = " + p.PropertyName + ";");
        }
    }

    internal static string RecordParameters(IEnumerable<ParameterModel> parameters) =>
        string.Join(", ", parameters.Select(p => p.Type + " " + p.PropertyName));

    internal static void ParamDocs(SourceWriter w, IEnumerable<ParameterModel> parameters)
    {
        foreach (var p in parameters)
        {
            w.Line("/// <param name=\"" + p.PropertyName + "\">The handler's <c>" + p.Name.TrimStart('@') + "</c>.</param>");
        }
    }
}
