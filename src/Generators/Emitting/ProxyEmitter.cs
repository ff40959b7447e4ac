using System.Collections.Generic;
using System.Linq;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// Emits the typed proxy: one extension method on <c>ProcessRef&lt;T&gt;</c> per call and cast handler,
/// named and typed like the handler, an awaitable <c>NameAsync</c> beside each cast (it waits for room on
/// a busy connection), and a <c>Send</c> overload per info message type. They work the same for local
/// and remote processes. Each is one line that calls the runtime's <c>Proxy</c>.
/// </summary>
internal static class ProxyEmitter
{
    public static string Emit(BehaviourModel model)
    {
        var self = model.Type.TypeRef;
        var w = Scaffold.Begin(model.Type, insideContainingTypes: false);
        w.Line("/// <summary>The typed proxy of <c>" + model.Type.FullName + "</c>: its handlers as methods on <see cref=\"" + RuntimeNamespaces.Root + "ProcessRef{T}\"/>.</summary>");
        w.Open(model.Type.Accessibility + " static class " + model.Type.ExtensionsClassName);
        var first = true;
        var handlerNames = new HashSet<string>(model.Handlers.Where(h => h.Kind != HandlerKind.Info).Select(h => h.Name));
        foreach (var handler in model.Handlers)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var parameters = handler.MessageParameters.ToList();
            var names = new HashSet<string>(parameters.Select(p => p.Name.TrimStart('@')));
            var process = Free("process", names);
            var token = Free("cancellationToken", names);
            var declared = string.Join("", parameters.Select(p => ", " + p.Type + " " + p.Name + (p.DefaultValue is null ? "" : " = " + p.DefaultValue)));
            var target = "this " + RuntimeNamespaces.Root + "ProcessRef<" + self + "> " + process;
            var messageType = Carriers.MessageType(model, handler);
            // The id as a literal and the carrier by target-typed new: the explicit type arguments name it once.
            var id = handler.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var message = Carriers.New(model, handler, parameters.Select(p => p.Name).ToList());
            switch (handler.Kind)
            {
                case HandlerKind.Call:
                    var result = handler.ResultType;
                    w.Line("/// <summary>Calls <c>" + handler.Signature + "</c> and awaits its reply (<c>gen_server:call</c>); fails with ProcessExitedException or CallTimeoutException.</summary>");
                    w.Line("public static " + (result is null ? Scaffold.Task : Scaffold.Task + "<" + result + ">") + " " + handler.Name + "(" + target + declared + ", global::System.Threading.CancellationToken " + token + " = default) =>");
                    w.Indent().Line(RuntimeNamespaces.CompilerServices + "Proxy.Call<" + self + ", " + messageType + (result is null ? "" : ", " + result) + ">(" + process + ", " + id + ", " + message + ", " + token + ");").Outdent();
                    break;
                case HandlerKind.Cast:
                    w.Line("/// <summary>Casts <c>" + handler.Signature + "</c> and returns at once (<c>gen_server:cast</c>).</summary>");
                    w.Line("public static void " + handler.Name + "(" + target + declared + ") =>");
                    w.Indent().Line(RuntimeNamespaces.CompilerServices + "Proxy.Cast<" + self + ", " + messageType + ">(" + process + ", " + id + ", " + message + ");").Outdent();
                    if (handlerNames.Contains(handler.Name + "Async"))
                    {
                        break;  // the user's own handler has that name: its proxy keeps it
                    }

                    w.Line();
                    w.Line("/// <summary>Casts <c>" + handler.Signature + "</c>; outside a process, completes once the connection it went on has room.</summary>");
                    w.Line("public static " + Scaffold.Task + " " + handler.Name + "Async(" + target + declared + ", global::System.Threading.CancellationToken " + token + " = default) =>");
                    w.Indent().Line(RuntimeNamespaces.CompilerServices + "Proxy.CastAsync<" + self + ", " + messageType + ">(" + process + ", " + id + ", " + message + ", " + token + ");").Outdent();
                    break;
                default:
                    var info = parameters[0];
                    var infoType = Scaffold.NonNullable(info.Type);
                    w.Line("/// <summary>Sends a message to <c>" + handler.Signature + "</c> (<c>Pid ! Msg</c>).</summary>");
                    w.Line("public static void Send(" + target + ", " + infoType + " message) =>");
                    w.Indent().Line(RuntimeNamespaces.CompilerServices + "Proxy.Send(" + process + ", message);").Outdent();
                    break;
            }
        }

        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: false);
    }

    static string Free(string name, HashSet<string> taken)
    {
        while (taken.Contains(name))
        {
            name = "_" + name;
        }

        return name;
    }
}
