using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Typed.Generators.Parsing;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1004: handlers of one behaviour whose messages clash. Call and cast handlers share one space of
/// names (each becomes the message record <c>Messages.Name</c>) and of ids; info handlers share one
/// space of message types and ids; a behaviour has at most one init and one terminate hook. Ids are
/// computed as the generator computes them (explicit <c>Id</c>, else the stable hash).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class MessageClashAnalyzer : TypedAnalyzer
{
    static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.MessageClash];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.NamedType);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!known.IsProcess(type))
        {
            return;
        }

        var fullName = type.ToDisplayString();
        var names = new Dictionary<string, IMethodSymbol>();
        var ids = new Dictionary<int, IMethodSymbol>();
        var infoIds = new Dictionary<int, IMethodSymbol>();
        var infoTypes = new Dictionary<string, IMethodSymbol>();
        IMethodSymbol? init = null;
        IMethodSymbol? terminate = null;
        var methods = type.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && m.Locations.Length > 0)
            .OrderBy(m => m.Locations[0].SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations[0].SourceSpan.Start);
        foreach (var method in methods)
        {
            foreach (var attribute in method.GetAttributes())
            {
                switch (known.KindOf(attribute.AttributeClass))
                {
                    case HandlerKind.Call or HandlerKind.Cast:
                        var id = ExplicitId(attribute) ?? StableId.Of(fullName + "." + method.Name + "(" + string.Join(",", method.Parameters
                            .Where(p => !known.IsCancellationToken(p.Type))
                            .Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) + ")");
                        if (names.TryGetValue(method.Name, out var sameName))
                        {
                            Report(context, method, sameName, "call and cast handlers are messages named after the method, so one name can serve one handler; rename one");
                        }
                        else if (ids.TryGetValue(id, out var sameId))
                        {
                            Report(context, method, sameId, "both have message id " + id.ToString(CultureInfo.InvariantCulture) + "; give one another Id");
                        }

                        names[method.Name] = method;
                        ids[id] = method;
                        break;
                    case HandlerKind.Info:
                        var messages = method.Parameters.Where(p => !known.IsCancellationToken(p.Type)).ToList();
                        if (messages.Count != 1)
                        {
                            break; // TYP1002's
                        }

                        var messageType = messages[0].Type.ToDisplayString(s_typeFormat).TrimEnd('?');
                        var infoId = ExplicitId(attribute) ?? StableId.Of(messages[0].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                        if (infoTypes.TryGetValue(messageType, out var sameType))
                        {
                            Report(context, method, sameType, "both handle info message '" + messages[0].Type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat).TrimEnd('?') + "'; one handler per message type");
                        }
                        else if (infoIds.TryGetValue(infoId, out var sameInfoId))
                        {
                            Report(context, method, sameInfoId, "both have info message id " + infoId.ToString(CultureInfo.InvariantCulture) + "; give one another Id");
                        }

                        infoTypes[messageType] = method;
                        infoIds[infoId] = method;
                        break;
                    case HandlerKind.Init:
                        if (init is not null)
                        {
                            Report(context, method, init, "a behaviour has one [Init] hook");
                        }

                        init ??= method;
                        break;
                    case HandlerKind.Terminate:
                        if (terminate is not null)
                        {
                            Report(context, method, terminate, "a behaviour has one [Terminate] hook");
                        }

                        terminate ??= method;
                        break;
                }
            }
        }
    }

    static int? ExplicitId(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Id" && argument.Value.Value is int id && id != 0)
            {
                return id;
            }
        }

        return null;
    }

    static void Report(SymbolAnalysisContext context, IMethodSymbol method, IMethodSymbol other, string reason) =>
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.MessageClash, Declarations.NameLocation(method), method.ToDisplayString(Declarations.MethodFormat), other.ToDisplayString(Declarations.MethodFormat), reason));
}
