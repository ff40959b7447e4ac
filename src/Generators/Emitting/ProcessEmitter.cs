using System.Linq;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// Emits the behaviour's own partial: the <c>IProcessBehaviour</c> hooks, with dispatch as a
/// <c>switch</c> over message ids and a type switch for info messages.
/// </summary>
internal static class ProcessEmitter
{
    public static string Emit(BehaviourModel model)
    {
        var self = model.Type.TypeRef;
        var w = Scaffold.Begin(model.Type, insideContainingTypes: true);
        w.Open("partial class " + model.Type.Name + " : " + RuntimeNamespaces.Root + "IProcessBehaviour<" + self + ">");
        w.Line("private " + RuntimeNamespaces.Root + "ProcessContext? __typedContext;").Line();
        w.Line("/// <summary>The process this behaviour runs as: self, spawn, link, monitor, exit, trap exits, send, stop.</summary>");
        w.Line("private " + RuntimeNamespaces.Root + "ProcessContext Context => " + RuntimeNamespaces.CompilerServices + "Proxy.Context<" + self + ">(__typedContext);").Line();
        w.Line("/// <summary>A typed ref to the process this behaviour runs as.</summary>");
        w.Line("private " + RuntimeNamespaces.Root + "ProcessRef<" + self + "> Self => " + RuntimeNamespaces.CompilerServices + "Proxy.Self<" + self + ">(Context);").Line();
        // The static members implement the non-generic IDescribedBehaviour: an explicit implementation's
        // metadata name spells its interface, and this one's is the same for every behaviour.
        w.Line("static " + RuntimeNamespaces.CompilerServices + "BehaviourDescriptor " + RuntimeNamespaces.Root + "IDescribedBehaviour.Descriptor => " + self + ".Messages.Descriptor;").Line();
        w.Line("void " + RuntimeNamespaces.Root + "IProcessBehaviour.Attach(" + RuntimeNamespaces.Root + "ProcessContext context) => __typedContext = context;").Line();

        // The factory: one method (a lambda in the descriptor would be a closure class per behaviour).
        var arguments = model.ConstructorParameters.Select(type => type == "global::System.IServiceProvider"
            ? "services"
            : "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<" + Scaffold.NonNullable(type) + ">(services)");
        w.Line("static " + RuntimeNamespaces.Root + "IProcessBehaviour " + RuntimeNamespaces.Root + "IDescribedBehaviour.Create(global::System.IServiceProvider services) => new " + self + "(" + string.Join(", ", arguments) + ");").Line();

        // Hooks the behaviour does not declare keep IProcessBehaviour's defaults, unless a method of that
        // name could take their place implicitly.
        if (model.Init is null)
        {
            if (model.HookNamesTaken)
            {
                w.Line(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.InitAsync(object? startArgs) => default;").Line();
            }
        }
        else if (model.Init is { } init)
        {
            w.Open(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.InitAsync(object? startArgs)");
            var args = init.Parameters.Count == 0 ? "" : string.Join(", ", init.Parameters.Select(p => "args." + p.PropertyName));
            if (init.Parameters.Count > 0)
            {
                w.Line("var args = (" + self + ".StartArgs)startArgs!;");
            }

            Return(w, init.Return, init.Name + "(" + args + ")");
            w.Close().Line();
        }

        if (model.Terminate is { } terminate)
        {
            w.Open(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.TerminateAsync(" + RuntimeNamespaces.Root + "ExitReason reason)");
            Return(w, terminate.Return, terminate.Name + (terminate.Parameters.Count == 0 ? "()" : "(reason)"));
            w.Close().Line();
        }
        else if (model.HookNamesTaken)
        {
            w.Line(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.TerminateAsync(" + RuntimeNamespaces.Root + "ExitReason reason) => default;").Line();
        }

        w.Open(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.HandleAsync(in " + RuntimeNamespaces.CompilerServices + "Envelope envelope)");
        if (model.Handlers.Count == 0)
        {
            // Nothing to dispatch: every message is unhandled (an empty switch would be a warning).
            w.Line("return " + RuntimeNamespaces.CompilerServices + "Dispatch.Unhandled(Context, in envelope);");
            w.Close();
            w.Close();
            return Scaffold.End(w, model.Type, insideContainingTypes: true);
        }

        w.Open("switch (envelope.Id)");
        foreach (var handler in model.Handlers.Where(h => h.Kind != HandlerKind.Info))
        {
            w.Line("case " + handler.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": // " + handler.Signature);
            w.Line("{").Indent();
            if (handler.MessageParameters.Any())
            {
                w.Line("var message = (" + Carriers.MessageType(model, handler) + ")envelope.Message!;");
            }

            var field = 0;
            var call = handler.Name + "(" + string.Join(", ", handler.Parameters.Select(p => p.IsCancellationToken ? "Context.RequestAborted" : "message." + Carriers.Field(handler, p, field++))) + ")";
            if (handler.Kind == HandlerKind.Call)
            {
                Reply(w, handler.Return, call);
            }
            else
            {
                Return(w, handler.Return, call);
            }

            w.Close();
        }

        var infos = model.Handlers.Where(h => h.Kind == HandlerKind.Info).OrderByDescending(h => h.Depth).ToList();
        if (infos.Count > 0)
        {
            w.Line("case " + RuntimeNamespaces.CompilerServices + "Envelope.InfoId:");
            w.Indent().Open("switch (envelope.Message)");
            for (var i = 0; i < infos.Count; i++)
            {
                var handler = infos[i];
                var messageType = Scaffold.NonNullable(handler.MessageParameters.First().Type);
                var variable = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                w.Line("case " + messageType + " " + variable + ": // " + handler.Signature);
                w.Indent();
                Return(w, handler.Return, handler.Name + "(" + string.Join(", ", handler.Parameters.Select(p => p.IsCancellationToken ? "Context.RequestAborted" : variable)) + ")");
                w.Outdent();
            }

            w.Close().Line().Line("break;").Outdent();
        }

        w.Close().Line();
        w.Line("return " + RuntimeNamespaces.CompilerServices + "Dispatch.Unhandled(Context, in envelope);");
        w.Close();
        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: true);
    }

    /// <summary>Runs a cast, info handler or hook and returns its completion as a ValueTask; a result is dropped.</summary>
    static void Return(SourceWriter w, ReturnShape shape, string call)
    {
        switch (shape)
        {
            case ReturnShape.Void:
                w.Line(call + ";").Line("return default;");
                break;
            case ReturnShape.Value:
                w.Line("_ = " + call + ";").Line("return default;");
                break;
            case ReturnShape.ValueTask:
                w.Line("return " + call + ";");
                break;
            case ReturnShape.ValueTaskOfT:
                w.Line("return new " + Scaffold.Task + "(" + call + ".AsTask());");
                break;
            default:
                w.Line("return new " + Scaffold.Task + "(" + call + ");");
                break;
        }
    }

    /// <summary>Runs a call handler and completes its reply.</summary>
    static void Reply(SourceWriter w, ReturnShape shape, string call)
    {
        switch (shape)
        {
            case ReturnShape.Void:
                w.Line(call + ";").Line("return " + RuntimeNamespaces.CompilerServices + "Dispatch.Reply(envelope.Reply);");
                break;
            case ReturnShape.Value:
                w.Line("return " + RuntimeNamespaces.CompilerServices + "Dispatch.Reply(envelope.Reply, " + call + ");");
                break;
            default:
                w.Line("return " + RuntimeNamespaces.CompilerServices + "Dispatch.ReplyAsync(envelope.Reply, " + call + ");");
                break;
        }
    }
}
