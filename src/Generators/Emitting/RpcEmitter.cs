using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// Emits an <c>[Rpc]</c> class's stubs: <c>On</c> (call), <c>Cast</c>, <c>Async</c> and <c>Multicall</c>,
/// each returning a small struct with one method per function, named and typed like the function;
/// and <c>RpcFunctions</c>: the module initializer that registers the functions by id. Arguments travel
/// in the runtime's shared carriers (see <see cref="Carriers"/>); a function of more than eight
/// parameters gets an arguments class and a formatter here (MemoryPack's own generator does not see
/// classes another generator writes).
/// </summary>
internal static class RpcEmitter
{
    const string Token = "global::System.Threading.CancellationToken";

    public static string Emit(RpcModel model)
    {
        var w = Scaffold.Begin(model.Type, insideContainingTypes: true);
        w.Open("partial class " + model.Type.Name);
        EmitEntryPoints(w, model);
        EmitStub(w, model, "CallStub", "Calls", Kind.Call);
        EmitStub(w, model, "CastStub", "Casts", Kind.Cast);
        EmitStub(w, model, "AsyncStub", "Starts", Kind.Async);
        EmitStub(w, model, "MulticallStub", "Multicalls", Kind.Multicall);
        EmitFunctions(w, model);
        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: true);
    }

    enum Kind
    {
        Call,
        Cast,
        Async,
        Multicall,
    }

    static void EmitEntryPoints(SourceWriter w, RpcModel model)
    {
        var name = model.Type.Name;
        w.Line("/// <summary>");
        w.Line("/// Calls <c>" + name + "</c>'s functions on <paramref name=\"target\"/> (<c>rpc:call</c>): each runs there in a fresh process");
        w.Line("/// and its result is awaited, within <paramref name=\"node\"/>'s call timeout unless <c>WithTimeout</c> says otherwise.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"node\">The node the call goes from.</param>");
        w.Line("/// <param name=\"target\">The full name of the node that runs the function; <paramref name=\"node\"/>'s own name runs it locally, still in a fresh process.</param>");
        w.Line("public static CallStub On(" + RuntimeNamespaces.Root + "Node node, string target) => new(new " + RuntimeNamespaces.Rpc + "RpcTarget(node, target));").Line();
        w.Line("/// <summary>Runs <c>" + name + "</c>'s functions on <paramref name=\"target\"/> without waiting (<c>rpc:cast</c>): nobody learns the outcome.</summary>");
        w.Line("/// <param name=\"node\">The node the request goes from.</param>");
        w.Line("/// <param name=\"target\">The full name of the node that runs the function.</param>");
        w.Line("public static CastStub Cast(" + RuntimeNamespaces.Root + "Node node, string target) => new(new " + RuntimeNamespaces.Rpc + "RpcTarget(node, target));").Line();
        w.Line("/// <summary>Starts calls of <c>" + name + "</c>'s functions on <paramref name=\"target\"/> and returns their promises at once (<c>rpc:async_call</c>).</summary>");
        w.Line("/// <param name=\"node\">The node the call goes from.</param>");
        w.Line("/// <param name=\"target\">The full name of the node that runs the function.</param>");
        w.Line("public static AsyncStub Async(" + RuntimeNamespaces.Root + "Node node, string target) => new(new " + RuntimeNamespaces.Rpc + "RpcTarget(node, target));").Line();
        w.Line("/// <summary>Calls <c>" + name + "</c>'s functions on every node of <paramref name=\"nodes\"/> at once (<c>rpc:multicall</c>): values, failures and bad nodes.</summary>");
        w.Line("/// <param name=\"node\">The node the calls go from.</param>");
        w.Line("/// <param name=\"nodes\">The full names of the nodes that run the function; each is asked once.</param>");
        w.Line("public static MulticallStub Multicall(" + RuntimeNamespaces.Root + "Node node, global::System.Collections.Generic.IEnumerable<string> nodes) => new(new " + RuntimeNamespaces.Rpc + "RpcNodes(node, nodes));").Line();
    }

    static void EmitStub(SourceWriter w, RpcModel model, string stub, string verb, Kind kind)
    {
        var target = kind == Kind.Multicall ? RuntimeNamespaces.Rpc + "RpcNodes" : RuntimeNamespaces.Rpc + "RpcTarget";
        w.Line("/// <summary>" + verb + " <c>" + model.Type.Name + "</c>'s functions: one method per function, named and typed like it.</summary>");
        w.Open("public readonly struct " + stub);
        w.Line("private readonly " + target + " __target;").Line();
        w.Line("internal " + stub + "(" + target + " target) => this.__target = target;").Line();
        if (kind != Kind.Cast)
        {
            w.Line("/// <summary>The same stubs with another timeout (positive, or infinite).</summary>");
            w.Line("/// <param name=\"timeout\">How long a call waits for its outcome.</param>");
            w.Line("public " + stub + " WithTimeout(global::System.TimeSpan timeout) => new(this.__target.WithTimeout(timeout));");
        }

        var first = kind == Kind.Cast;
        foreach (var function in model.Functions)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            EmitStubMethod(w, model, function, kind);
        }

        w.Close().Line();
    }

    static void EmitStubMethod(SourceWriter w, RpcModel model, RpcFunctionModel function, Kind kind)
    {
        var parameters = function.Parameters.Where(p => !p.IsCancellationToken).ToList();
        var names = new HashSet<string>(parameters.Select(p => p.Name.TrimStart('@')));
        var token = "cancellationToken";
        while (names.Contains(token))
        {
            token = "_" + token;
        }

        var carried = Carriers.Carries(parameters);
        var record = carried ? Carriers.CarrierType(parameters) : model.Type.TypeRef + ".RpcFunctions." + function.RecordName;
        var declared = string.Join(", ", parameters.Select(p => p.Type + " " + p.Name + (p.DefaultValue is null ? "" : " = " + p.DefaultValue)));
        var withToken = (declared.Length == 0 ? "" : declared + ", ") + Token + " " + token + " = default";
        // The carrier by target-typed new: the explicit type arguments name it once.
        var args = parameters.Count == 0 ? record + ".Instance" : "new" + (carried ? "" : " " + record) + "(" + string.Join(", ", parameters.Select(p => p.Name)) + ")";
        var result = function.ResultType;
        var generic = result is null ? "<" + record + ">" : "<" + record + ", " + result + ">";
        var call = "(this.__target, " + (carried ? function.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : record + ".FunctionId") + ", " + args;
        var signature = Xml(function.Signature);
        switch (kind)
        {
            case Kind.Call:
                w.Line("/// <summary>Runs <c>" + signature + "</c> on the target node in a fresh process and awaits its " + (result is null ? "completion" : "result") + ".</summary>");
                Docs(w, function, token);
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "RemoteException\">The function raised: its type name, message and stack text.</exception>");
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "UndefinedFunctionException\">The target has no such function (it was not applied).</exception>");
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "ProcessExitedException\">The function's process was killed before it returned.</exception>");
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "NodeDownException\">The target could not be reached or went down; the function may or may not have been applied.</exception>");
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "CallTimeoutException\">No outcome within the timeout; the function may or may not have been applied.</exception>");
                w.Line("public " + Scaffold.Task + (result is null ? "" : "<" + result + ">") + " " + function.Name + "(" + withToken + ") =>");
                w.Indent().Line(RuntimeNamespaces.Rpc + "RpcStub.Call" + generic + call + ", " + token + ");").Outdent();
                break;
            case Kind.Cast:
                w.Line("/// <summary>Runs <c>" + signature + "</c> on the target node in a fresh process and returns at once; dropped if the node cannot be reached.</summary>");
                Docs(w, function, null);
                w.Line("public void " + function.Name + "(" + declared + ") =>");
                w.Indent().Line(RuntimeNamespaces.Rpc + "RpcStub.Cast<" + record + ">" + call + ");").Outdent();
                break;
            case Kind.Async:
                w.Line("/// <summary>Starts <c>" + signature + "</c> on the target node and returns its promise at once: <c>await</c> it later, or poll it with <c>TryGet</c>.</summary>");
                Docs(w, function, token);
                w.Line("public " + RuntimeNamespaces.Root + "RpcPromise" + (result is null ? "" : "<" + result + ">") + " " + function.Name + "(" + withToken + ") =>");
                w.Indent().Line(RuntimeNamespaces.Rpc + "RpcStub.Async" + generic + call + ", " + token + ");").Outdent();
                break;
            default:
                w.Line("/// <summary>Runs <c>" + signature + "</c> on every node at once and collects each node's outcome; nodes that do not answer are bad nodes.</summary>");
                Docs(w, function, token);
                w.Line("public " + Scaffold.Task + "<" + RuntimeNamespaces.Root + "MulticallResult" + (result is null ? "" : "<" + result + ">") + "> " + function.Name + "(" + withToken + ") =>");
                w.Indent().Line(RuntimeNamespaces.Rpc + "RpcStub.Multicall" + generic + call + ", " + token + ");").Outdent();
                break;
        }
    }

    static void Docs(SourceWriter w, RpcFunctionModel function, string? token)
    {
        foreach (var p in function.Parameters.Where(p => !p.IsCancellationToken))
        {
            w.Line("/// <param name=\"" + p.Name.TrimStart('@') + "\">The function's <c>" + p.Name.TrimStart('@') + "</c>.</param>");
        }

        if (token is not null)
        {
            w.Line("/// <param name=\"" + token + "\">Stops waiting; the function may or may not have been applied.</param>");
        }
    }

    static void EmitFunctions(SourceWriter w, RpcModel model)
    {
        w.Line("/// <summary>The functions of <c>" + model.Type.Name + "</c> on the wire: their registration by id (and an arguments class for a function of more than " + Carriers.MaxArity.ToString(System.Globalization.CultureInfo.InvariantCulture) + " parameters).</summary>");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open("internal static class RpcFunctions");
        foreach (var function in model.Functions.Where(f => !Carries(f)))
        {
            var parameters = function.Parameters.Where(p => !p.IsCancellationToken).ToList();
            w.Line("/// <summary>The arguments of <c>" + Xml(function.Signature) + "</c>.</summary>");
            foreach (var p in parameters)
            {
                w.Line("/// <param name=\"" + p.PropertyName + "\">The function's <c>" + p.Name.TrimStart('@') + "</c>.</param>");
            }

            MessagesEmitter.OpenMessageClass(w, function.RecordName, parameters, "FunctionId", function.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "The one instance: the function takes no arguments.", "The function's");
            w.Close().Line();
        }

        w.Line("/// <summary>Registers the formatters and the functions when the assembly loads: nothing is found by reflection.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void Register()");
        foreach (var function in model.Functions.Where(f => !Carries(f)))
        {
            MessagesEmitter.RegisterFormatter(w, function.RecordName, function.RecordName, function.Parameters.Where(p => !p.IsCancellationToken).ToList());
        }

        foreach (var statement in model.FormatterRegistrations)
        {
            w.Line(statement);
        }

        foreach (var function in model.Functions)
        {
            EmitRegistration(w, model, function);
        }

        w.Close();
        foreach (var function in model.Functions.Where(f => !Carries(f)))
        {
            var parameters = function.Parameters.Where(p => !p.IsCancellationToken).ToList();
            if (parameters.Count > 0)
            {
                w.Line();
                MessagesEmitter.EmitFormatter(w, function.RecordName, function.RecordName, parameters);
            }
        }

        w.Close();
    }

    static void EmitRegistration(SourceWriter w, RpcModel model, RpcFunctionModel function)
    {
        var result = function.ResultType ?? RuntimeNamespaces.CompilerServices + "Unit";
        var byIn = function.Parameters.Where(p => p.PassByIn).ToList();
        var parameters = function.Parameters.Where(p => !p.IsCancellationToken).ToList();
        var carried = Carriers.Carries(parameters);
        string Field(ParameterModel p) => carried ? Carriers.CarrierField(parameters.IndexOf(p)) : p.PropertyName;
        var arguments = string.Join(", ", function.Parameters.Select(p =>
            p.IsCancellationToken ? "cancellationToken"
            : p.PassByIn ? "in a" + p.PropertyName
            : "args." + Field(p)));
        var invocation = model.Type.TypeRef + "." + function.Name + "(" + arguments + ")";
        var body = function.Return switch
        {
            ReturnShape.Value or ReturnShape.TaskOfT => "new " + Scaffold.Task + "<" + result + ">(" + invocation + ")",
            ReturnShape.ValueTaskOfT => invocation,
            ReturnShape.Task or ReturnShape.ValueTask => RuntimeNamespaces.Rpc + "RpcStub.Done(" + invocation + ")",
            _ => null,
        };
        if (carried && parameters.Count > 0)
        {
            // A carrier with fields registers its formatter through the function and checks nulls as its parameters say.
            w.Line(RuntimeNamespaces.Rpc + "RpcRegistry.Register(" + RuntimeNamespaces.Rpc + "RpcFunction.Of<" + Carriers.CarrierType(parameters) + ", " + result + ">(");
            w.Indent();
            w.Line(function.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",");
            w.Line(SymbolDisplay.FormatLiteral(function.Signature, quote: true) + ",");
            w.Line(Carriers.Checks(parameters) + ",");
        }
        else
        {
            var type = carried ? Carriers.CarrierType(parameters) : function.RecordName;
            w.Line(RuntimeNamespaces.Rpc + "RpcRegistry.Register(new " + RuntimeNamespaces.Rpc + "RpcFunction<" + type + ", " + result + ">(");
            w.Indent();
            w.Line((carried ? function.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : function.RecordName + ".FunctionId") + ",");
            w.Line(SymbolDisplay.FormatLiteral(function.Signature, quote: true) + ",");
        }

        if (body is not null && byIn.Count == 0)
        {
            w.Line("static (args, cancellationToken) => " + body + "));");
        }
        else
        {
            w.Line("static (args, cancellationToken) =>");
            w.Line("{");
            w.Indent();
            foreach (var p in byIn)
            {
                w.Line("var a" + p.PropertyName + " = args." + Field(p) + ";");
            }

            if (body is null)
            {
                w.Line(invocation + ";");
                w.Line("return default;");
            }
            else
            {
                w.Line("return " + body + ";");
            }

            w.Outdent();
            w.Line("}));");
        }

        w.Outdent();
    }

    static bool Carries(RpcFunctionModel function) => Carriers.Carries(function.Parameters.Where(p => !p.IsCancellationToken).ToList());

    static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
