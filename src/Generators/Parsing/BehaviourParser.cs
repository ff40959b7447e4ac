using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Typed.Generators.Model;

namespace Typed.Generators.Parsing;

/// <summary>
/// Turns a <c>[Process]</c> class symbol into a <see cref="BehaviourModel"/>, or into nothing when
/// the declaration is one the generator cannot serve (the analyzers say why). Nothing from Roslyn
/// leaves this class.
/// </summary>
internal static class BehaviourParser
{
    static readonly SymbolDisplayFormat TypeFormat = TypeShapeParser.TypeFormat;

    /// <summary>Type text for ids: without nullable annotations, so annotating a parameter keeps its message id.</summary>
    static readonly SymbolDisplayFormat IdFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>The model of <paramref name="type"/>, which carries <paramref name="attribute"/>; nothing when it is invalid; the failure when parsing threw.</summary>
    public static ParseResult<BehaviourModel> Parse(INamedTypeSymbol type, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        try
        {
            var known = WellKnownTypes.From(compilation);
            return new ParseResult<BehaviourModel>(TryParse(type, attribute, known, compilation, cancellationToken), null);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception ex)
        {
            return new ParseResult<BehaviourModel>(null, ex.ToString());
        }
    }

    static BehaviourModel? TryParse(INamedTypeSymbol type, AttributeData attribute, WellKnownTypes known, Compilation compilation, CancellationToken cancellationToken)
    {
        if (TypeShapeParser.TryParse(type) is not { } shape)
        {
            return null;
        }

        var fullName = shape.FullName;
        var handlers = new List<HandlerModel>();
        var registrations = new FormatterRegistrations(type, compilation, known);
        HookModel? init = null;
        HookModel? terminate = null;
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                continue;
            }

            foreach (var data in method.GetAttributes())
            {
                var attributeClass = data.AttributeClass;
                if (WellKnownTypes.Is(attributeClass, known.Call) || WellKnownTypes.Is(attributeClass, known.Cast) || WellKnownTypes.Is(attributeClass, known.Info))
                {
                    var kind = WellKnownTypes.Is(attributeClass, known.Call) ? HandlerKind.Call
                        : WellKnownTypes.Is(attributeClass, known.Cast) ? HandlerKind.Cast
                        : HandlerKind.Info;
                    if (ParseHandler(method, kind, data, fullName, known) is not { } handler)
                    {
                        return null;
                    }

                    handlers.Add(handler);
                    registrations.AddSignature(method);
                }
                else if (WellKnownTypes.Is(attributeClass, known.Init))
                {
                    if (init is not null || ParseHook(method, known) is not { } hook)
                    {
                        return null;
                    }

                    init = hook;
                    registrations.AddSignature(method);
                }
                else if (WellKnownTypes.Is(attributeClass, known.Terminate))
                {
                    if (terminate is not null || ParseHook(method, known) is not { } hook || !IsTerminateShape(method, known))
                    {
                        return null;
                    }

                    terminate = hook;
                }
            }
        }

        if (!AreDistinct(handlers))
        {
            return null;
        }

        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null || constructor.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams))
        {
            return null;
        }

        return new BehaviourModel(
            shape,
            TypeShapeParser.ExplicitId(attribute) ?? StableId.Of(fullName),
            handlers.ToEquatableArray(),
            init,
            terminate,
            constructor.Parameters.Select(p => p.Type.ToDisplayString(TypeFormat)).ToEquatableArray(),
            registrations.Statements.ToEquatableArray(),
            HookNamesTaken(type));
    }

    /// <summary>Whether the class or a base declares a method that could implement a hook of <c>IProcessBehaviour</c> implicitly.</summary>
    static bool HookNamesTaken(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if (t.GetMembers("InitAsync").Length > 0 || t.GetMembers("TerminateAsync").Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    static HandlerModel? ParseHandler(IMethodSymbol method, HandlerKind kind, AttributeData attribute, string fullName, WellKnownTypes known)
    {
        if (method.IsStatic || method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        if (Parameters(method, known) is not { } parameters || ClassifyReturn(method, known, out var result) is not { } shape)
        {
            return null;
        }

        if (kind == HandlerKind.Info && parameters.Count(p => !p.IsCancellationToken) != 1)
        {
            return null;
        }

        var signatureTypes = method.Parameters
            .Where(p => !WellKnownTypes.Is(p.Type, known.CancellationToken))
            .Select(p => p.Type.ToDisplayString(IdFormat));
        int id;
        if (TypeShapeParser.ExplicitId(attribute) is { } explicitId)
        {
            id = explicitId;
        }
        else if (kind == HandlerKind.Info)
        {
            id = StableId.Of(method.Parameters.First(p => !WellKnownTypes.Is(p.Type, known.CancellationToken)).Type.ToDisplayString(IdFormat));
        }
        else
        {
            id = StableId.Of(fullName + "." + method.Name + "(" + string.Join(",", signatureTypes) + ")");
        }

        // Kept XML-safe: it is written into doc comments and line comments.
        var signature = (method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString())) + ")")
            .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        var depth = 0;
        if (kind == HandlerKind.Info)
        {
            for (var t = method.Parameters.First(p => !WellKnownTypes.Is(p.Type, known.CancellationToken)).Type.BaseType; t is not null; t = t.BaseType)
            {
                depth++;
            }
        }

        return new HandlerModel(kind, TypeShapeParser.Identifier(method.Name), id, parameters.ToEquatableArray(), shape, result, signature, depth);
    }

    static HookModel? ParseHook(IMethodSymbol method, WellKnownTypes known)
    {
        if (method.IsStatic || method.IsGenericMethod || Parameters(method, known) is not { } parameters)
        {
            return null;
        }

        var shape = ClassifyReturn(method, known, out _);
        if (shape is not (ReturnShape.Void or ReturnShape.Task or ReturnShape.ValueTask) || parameters.Any(p => p.IsCancellationToken))
        {
            return null;
        }

        return new HookModel(TypeShapeParser.Identifier(method.Name), parameters.ToEquatableArray(), shape.Value);
    }

    static bool IsTerminateShape(IMethodSymbol method, WellKnownTypes known) =>
        method.Parameters.Length == 0
        || (method.Parameters.Length == 1 && WellKnownTypes.Is(method.Parameters[0].Type, known.ExitReason));

    static List<ParameterModel>? Parameters(IMethodSymbol method, WellKnownTypes known)
    {
        var list = new List<ParameterModel>(method.Parameters.Length);
        var properties = new HashSet<string>();
        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None || p.IsParams || p.Type.IsRefLikeType
                || p.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error)
            {
                return null;
            }

            var isToken = WellKnownTypes.Is(p.Type, known.CancellationToken);
            var property = Pascal(p.Name);
            if (!isToken && (!properties.Add(property) || property is "MessageId" or "Instance"))
            {
                return null;
            }

            var write = WireKinds.Of(p.Type);
            var forgiving = WireKinds.RefusesNull(p.Type);
            list.Add(new ParameterModel(
                TypeShapeParser.Identifier(p.Name),
                property,
                p.Type.ToDisplayString(TypeFormat),
                write,
                isToken,
                forgiving,
                DefaultValue(p),
                RefusesNullItems: WireKinds.RefusesNullItems(p.Type)));
        }

        return list;
    }

    internal static ReturnShape? ClassifyReturn(IMethodSymbol method, WellKnownTypes known, out string? result)
    {
        result = null;
        var type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return method.IsAsync ? null : ReturnShape.Void;
        }

        if (type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Error)
        {
            return null;
        }

        if (WellKnownTypes.Is(type, known.Task))
        {
            return ReturnShape.Task;
        }

        if (WellKnownTypes.Is(type, known.ValueTask))
        {
            return ReturnShape.ValueTask;
        }

        if (type is INamedTypeSymbol { TypeArguments.Length: 1 } generic
            && (WellKnownTypes.Is(type, known.TaskOfT) || WellKnownTypes.Is(type, known.ValueTaskOfT)))
        {
            var argument = generic.TypeArguments[0];
            if (argument.IsRefLikeType || argument.TypeKind is TypeKind.Pointer or TypeKind.TypeParameter or TypeKind.Error)
            {
                return null;
            }

            result = argument.ToDisplayString(TypeFormat);
            return WellKnownTypes.Is(type, known.TaskOfT) ? ReturnShape.TaskOfT : ReturnShape.ValueTaskOfT;
        }

        result = type.ToDisplayString(TypeFormat);
        return ReturnShape.Value;
    }

    static bool AreDistinct(List<HandlerModel> handlers)
    {
        var names = new HashSet<string>();
        var ids = new HashSet<int>();
        var infoIds = new HashSet<int>();
        var infoTypes = new HashSet<string>();
        foreach (var handler in handlers)
        {
            if (handler.Kind == HandlerKind.Info)
            {
                var messageType = handler.Parameters.First(p => !p.IsCancellationToken).Type.TrimEnd('?');
                if (!infoIds.Add(handler.Id) || !infoTypes.Add(messageType))
                {
                    return false;
                }
            }
            else if (!names.Add(handler.Name) || !ids.Add(handler.Id))
            {
                return false;
            }
        }

        return true;
    }

    static string Pascal(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    internal static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        var value = parameter.ExplicitDefaultValue;
        var type = parameter.Type.ToDisplayString(TypeFormat);
        return value switch
        {
            null => "default",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            _ when parameter.Type.TypeKind == TypeKind.Enum => "(" + type + ")(" + Number(value) + ")",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            _ => "(" + type + ")(" + Number(value) + ")",
        };

        static string Number(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
    }
}
