using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Typed.Generators.Model;

namespace Typed.Generators.Emitting;

/// <summary>
/// Emits a <c>[Supervisor]</c> class's partial (its process hooks handed to the runtime's
/// <c>SupervisorCore</c>, its child specs and descriptor) and its proxy: a typed accessor per
/// static child, or the typed <c>StartChild</c> of a simple_one_for_one supervisor.
/// </summary>
internal static class SupervisorEmitter
{

    public static string EmitSupervisor(SupervisorModel model)
    {
        var self = model.Type.TypeRef;
        var w = Scaffold.Begin(model.Type, insideContainingTypes: true);
        w.Open("partial class " + model.Type.Name + " : " + RuntimeNamespaces.Root + "IProcessBehaviour<" + self + ">, " + RuntimeNamespaces.Root + "ISupervisor");
        w.Line("private readonly " + RuntimeNamespaces.Supervision + "SupervisorCore __typedSupervisor = new(" + self + ".Supervision.Spec);").Line();
        w.Line("static " + RuntimeNamespaces.CompilerServices + "BehaviourDescriptor " + RuntimeNamespaces.Root + "IDescribedBehaviour.Descriptor => " + self + ".Supervision.Descriptor;").Line();
        w.Line("void " + RuntimeNamespaces.Root + "IProcessBehaviour.Attach(" + RuntimeNamespaces.Root + "ProcessContext context) => __typedSupervisor.Attach(context);").Line();
        w.Line(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.InitAsync(object? startArgs) => __typedSupervisor.InitAsync();").Line();
        w.Line(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.HandleAsync(in " + RuntimeNamespaces.CompilerServices + "Envelope envelope) => __typedSupervisor.HandleAsync(in envelope);").Line();
        w.Line(Scaffold.Task + " " + RuntimeNamespaces.Root + "IProcessBehaviour.TerminateAsync(" + RuntimeNamespaces.Root + "ExitReason reason) => __typedSupervisor.TerminateAsync(reason);").Line();

        w.Line("/// <summary>The declared spec of <c>" + model.Type.Name + "</c> and its descriptor.</summary>");
        w.Open("public static class Supervision");
        w.Line("/// <summary>The strategy, restart intensity and children, from the class's attributes.</summary>");
        w.Line("public static " + RuntimeNamespaces.Root + "SupervisorSpec Spec { get; } = new(");
        w.Indent();
        w.Line(RuntimeNamespaces.Root + "Strategy." + model.Strategy + ",");
        w.Line(Number(model.Intensity) + ",");
        w.Line(Number(model.Period) + ",");
        w.Line(RuntimeNamespaces.Root + "AutoShutdown." + model.AutoShutdown + ",");
        w.Line("new " + RuntimeNamespaces.Root + "ChildSpec[]");
        w.Line("{");
        w.Indent();
        foreach (var child in model.Children)
        {
            w.Line(RuntimeNamespaces.Root + "ChildSpec.Declared<" + child.TypeRef + ">("
                + SymbolDisplay.FormatLiteral(child.Id, quote: true) + ", "
                + RuntimeNamespaces.Root + "Restart." + child.Restart + ", "
                + Number(child.Shutdown) + ", "
                + (child.Significant ? "true" : "false") + ", "
                + (model.IsSimple ? "true" : "false") + ")"
                + (child.Node is { } node ? ".On(" + SymbolDisplay.FormatLiteral(node, quote: true) + ")" : "")
                + (child.SplitBrain is { } policy ? ".With(" + RuntimeNamespaces.Root + "SplitBrain." + policy + ")" : "") + ",");
        }

        w.Outdent();
        w.Line("});");
        w.Outdent().Line();

        w.Line("/// <summary>What the runtime knows of <c>" + model.Type.Name + "</c>: its id, the supervisor requests and its factory.</summary>");
        w.Line("internal static readonly " + RuntimeNamespaces.CompilerServices + "BehaviourDescriptor<" + self + "> Descriptor = new(");
        w.Indent();
        w.Line(Number(model.Id) + ",");
        w.Line(SymbolDisplay.FormatLiteral(model.Type.FullName, quote: true) + ",");
        w.Line("static _ => new " + self + "(),");
        w.Line(RuntimeNamespaces.Supervision + "SupervisorCore.Messages(),");
        w.Line("startArgs: null,");
        w.Line("isSupervisor: true);");
        w.Outdent().Line();

        w.Line("/// <summary>Registers the descriptor when the assembly loads: nothing is found by reflection.</summary>");
        w.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        w.Open("internal static void Register()");
        w.Line(RuntimeNamespaces.CompilerServices + "Formatters.RegisterProcessRef<" + self + ">();");
        w.Line(RuntimeNamespaces.CompilerServices + "BehaviourRegistry.Register(Descriptor);");
        w.Close();
        w.Close();
        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: true);
    }

    public static string EmitProxy(SupervisorModel model)
    {
        var self = model.Type.TypeRef;
        var target = "this " + RuntimeNamespaces.Root + "ProcessRef<" + self + "> supervisor";
        const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
        var w = Scaffold.Begin(model.Type, insideContainingTypes: false);
        w.Line("/// <summary>Typed access to the children of <c>" + model.Type.FullName + "</c>; the operations every supervisor has are on <see cref=\"" + RuntimeNamespaces.Root + "Supervisor\"/>.</summary>");
        w.Open(model.Type.Accessibility + " static class " + model.Type.ExtensionsClassName);
        var first = true;
        foreach (var child in model.Children)
        {
            var childRef = RuntimeNamespaces.Root + "ProcessRef<" + child.TypeRef + ">";
            var result = Scaffold.Task + "<" + childRef + ">";
            var id = SymbolDisplay.FormatLiteral(child.Id, quote: true);
            var access = child.IsPublic ? "public" : "internal";
            if (model.IsSimple)
            {
                w.Line("/// <summary>Starts a dynamic child from the template <c>" + Xml(child.Id) + "</c> and waits for its init hook (<c>supervisor:start_child/2</c>).</summary>");
                w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "SupervisorException\">The child failed to start.</exception>");
                var args = child.HasStartArgs ? ", " + child.TypeRef + ".StartArgs args" : "";
                w.Line(access + " static " + result + " StartChild(" + target + args + ", " + Token + ") =>");
                w.Indent().Line(RuntimeNamespaces.Root + "Supervisor.StartDynamicChild<" + self + ", " + child.TypeRef + ">(supervisor, " + (child.HasStartArgs ? "args" : "null") + ", cancellationToken);").Outdent();
                continue;
            }

            if (child.Accessor is not { } accessor)
            {
                continue;
            }

            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line("/// <summary>The child <c>" + Xml(child.Id) + "</c> as it runs now, after any restarts.</summary>");
            w.Line("/// <exception cref=\"" + RuntimeNamespaces.Root + "SupervisorException\">The child is not running (terminated, or between restarts).</exception>");
            w.Line(access + " static " + result + " " + accessor + "(" + target + ", " + Token + ") =>");
            w.Indent().Line(RuntimeNamespaces.Root + "Supervisor.Child<" + self + ", " + child.TypeRef + ">(supervisor, " + id + ", cancellationToken);").Outdent();
        }

        w.Close();
        return Scaffold.End(w, model.Type, insideContainingTypes: false);
    }

    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
