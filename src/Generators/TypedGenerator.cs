using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Typed.Generators.Emitting;
using Typed.Generators.Model;
using Typed.Generators.Parsing;

namespace Typed.Generators;

/// <summary>
/// The Typed source generator: for every <c>[Process]</c> partial class, the message records and
/// their formatters, the dispatch, the typed proxy and the descriptor. The pipeline is parse →
/// equatable model → emit; validation is the analyzers' job, so invalid input yields nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TypedGenerator : IIncrementalGenerator
{
    /// <summary>Reported when the generator itself fails; it then emits nothing for that declaration.</summary>
    internal static readonly DiagnosticDescriptor GeneratorFailed = new(
        "TYP0001",
        "The Typed generator failed",
        "Typed generator failed: {0}",
        "Typed.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "docs/diagnostics/TYP0001.md");

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var behaviours = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "Typed.ProcessAttribute",
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => BehaviourParser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Behaviours);

        context.RegisterSourceOutput(behaviours, static (spc, result) => Emit(spc, result));
    }

    static void Emit(SourceProductionContext context, ParseResult result)
    {
        if (result.Failure is { } failure)
        {
            context.ReportDiagnostic(Diagnostic.Create(GeneratorFailed, Location.None, failure));
            return;
        }

        if (result.Model is not { } model)
        {
            return;
        }

        string process, messages, proxy;
        try
        {
            process = ProcessEmitter.Emit(model);
            messages = MessagesEmitter.Emit(model);
            proxy = ProxyEmitter.Emit(model);
        }
        catch (System.Exception ex)
        {
            context.ReportDiagnostic(Diagnostic.Create(GeneratorFailed, Location.None, ex.ToString()));
            return;
        }

        context.AddSource(model.HintPrefix + ".Process.g.cs", SourceText.From(process, System.Text.Encoding.UTF8));
        context.AddSource(model.HintPrefix + ".Messages.g.cs", SourceText.From(messages, System.Text.Encoding.UTF8));
        context.AddSource(model.HintPrefix + ".Proxy.g.cs", SourceText.From(proxy, System.Text.Encoding.UTF8));
    }
}
