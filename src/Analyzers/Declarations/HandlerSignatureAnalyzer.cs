using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Typed.Analyzers.Declarations;

/// <summary>
/// TYP1002: a handler or hook whose signature the generator cannot serve (it then generates nothing
/// for the whole behaviour), and an <c>[Rpc]</c> method whose signature cannot cross the wire.
/// Mirrors the generator's <c>BehaviourParser</c>: parameters by reference, <c>params</c>, pointers,
/// ref structs; generic or static handlers; <c>async void</c>; an <c>[Info]</c> handler without exactly
/// one message; hooks that return a value or take a token; a terminate hook that takes more than
/// an <c>ExitReason</c>; parameter names that collide in the message record.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class HandlerSignatureAnalyzer : TypedAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptors.UnsupportedSignature];

    internal override void Start(CompilationStartAnalysisContext context, KnownSymbols known) =>
        context.RegisterSymbolAction(c => Analyze(c, known), SymbolKind.Method);

    static void Analyze(SymbolAnalysisContext context, KnownSymbols known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (known.IsProcess(method.ContainingType))
        {
            foreach (var kind in known.KindsOf(method))
            {
                new Check(context, known, method, kind).Run();
            }
        }
        else if (known.IsRpc(method.ContainingType) && method is { MethodKind: MethodKind.Ordinary, IsStatic: true, DeclaredAccessibility: Accessibility.Public })
        {
            new Check(context, known, method, HandlerKind.None).RunRpc();
        }
    }

    readonly struct Check(SymbolAnalysisContext context, KnownSymbols known, IMethodSymbol method, HandlerKind kind)
    {
        string What => kind == HandlerKind.None ? "an [Rpc] method" : Declarations.Describe(kind);

        bool IsHook => kind is HandlerKind.Init or HandlerKind.Terminate;

        public void Run()
        {
            if (method.MethodKind != MethodKind.Ordinary)
            {
                Report(Declarations.NameLocation(method), "only an ordinary method of the class can be a handler; the generator ignores this one");
                return;
            }

            if (method.IsStatic)
            {
                Report(Declarations.NameLocation(method), "it is static; handlers run on the process's own instance");
            }

            if (method.IsGenericMethod)
            {
                Report(Declarations.NameLocation(method), "it is generic; a message has one fixed shape");
            }

            if (!IsHook && (method.ReturnsByRef || method.ReturnsByRefReadonly))
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it returns by reference");
            }

            CheckParameters(strict: true);
            if (IsHook)
            {
                CheckHookReturn();
                if (kind == HandlerKind.Terminate && !IsTerminateShape())
                {
                    Report(Declarations.NameLocation(method), "a terminate hook takes no parameter, or one ExitReason");
                }
            }
            else
            {
                CheckHandlerReturn();
                if (kind == HandlerKind.Info && MessageCount() != 1)
                {
                    Report(Declarations.NameLocation(method), "an [Info] handler takes exactly one message parameter (and optionally a CancellationToken)");
                }
            }
        }

        public void RunRpc()
        {
            if (method.IsGenericMethod)
            {
                Report(Declarations.NameLocation(method), "it is generic; a remote call has one fixed shape");
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it returns by reference");
            }

            CheckParameters(strict: false);
            CheckHandlerReturn();
        }

        void CheckParameters(bool strict)
        {
            var properties = new HashSet<string>();
            foreach (var parameter in method.Parameters)
            {
                var location = Declarations.ParameterTypeLocation(parameter, context.CancellationToken);
                if (parameter.RefKind is RefKind.Ref or RefKind.Out || (strict && parameter.RefKind != RefKind.None))
                {
                    Report(location, "parameter '" + parameter.Name + "' is passed by reference ('" + RefKeyword(parameter.RefKind) + "'); a message carries values");
                }
                else if (strict && parameter.IsParams)
                {
                    Report(location, "parameter '" + parameter.Name + "' is 'params'; take an array or list instead");
                }

                if (parameter.Type.IsRefLikeType)
                {
                    Report(location, "parameter '" + parameter.Name + "' is a ref struct ('" + parameter.Type.ToDisplayString(Declarations.TypeFormat) + "'), which cannot be stored in a message");
                }
                else if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    Report(location, "parameter '" + parameter.Name + "' is a pointer");
                }

                if (!strict || known.IsCancellationToken(parameter.Type))
                {
                    continue;
                }

                var property = Declarations.PropertyName(parameter.Name);
                if (property is "MessageId" or "Instance")
                {
                    Report(Declarations.NameLocation(parameter), "parameter '" + parameter.Name + "' would become property '" + property + "' of the message record, a name the record already uses; rename it");
                }
                else if (!properties.Add(property))
                {
                    Report(Declarations.NameLocation(parameter), "parameter '" + parameter.Name + "' would become property '" + property + "' of the message record twice; rename it");
                }
            }

            if (IsHook)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (known.IsCancellationToken(parameter.Type))
                    {
                        Report(Declarations.ParameterTypeLocation(parameter, context.CancellationToken), "a hook takes no CancellationToken; use Context.Stopping");
                    }
                }
            }
        }

        void CheckHandlerReturn()
        {
            if (method.ReturnsVoid)
            {
                if (method.IsAsync)
                {
                    Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it is 'async void', which nobody can await: its exceptions would crash the node, not the process; return Task or ValueTask");
                }

                return;
            }

            var type = known.TaskResult(method.ReturnType) ?? method.ReturnType;
            if (type.IsRefLikeType)
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it returns a ref struct ('" + type.ToDisplayString(Declarations.TypeFormat) + "'), which cannot be stored in a reply");
            }
            else if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it returns a pointer");
            }
            else if (type.TypeKind == TypeKind.TypeParameter && !method.IsGenericMethod && !method.ContainingType.IsGenericType)
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it returns a type parameter");
            }
        }

        void CheckHookReturn()
        {
            var type = method.ReturnType;
            if (method.ReturnsVoid && method.IsAsync)
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "it is 'async void', which the process cannot await; return Task or ValueTask");
            }
            else if (!method.ReturnsVoid && !KnownSymbols.Is(type, known.Task) && !KnownSymbols.Is(type, known.ValueTask))
            {
                Report(Declarations.ReturnTypeLocation(method, context.CancellationToken), "a hook returns void, Task or ValueTask, not '" + type.ToDisplayString(Declarations.TypeFormat) + "'");
            }
        }

        bool IsTerminateShape() =>
            method.Parameters.Length == 0
            || (method.Parameters.Length == 1 && KnownSymbols.Is(method.Parameters[0].Type, known.ExitReason));

        int MessageCount()
        {
            var count = 0;
            foreach (var parameter in method.Parameters)
            {
                if (!known.IsCancellationToken(parameter.Type))
                {
                    count++;
                }
            }

            return count;
        }

        void Report(Location location, string reason) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnsupportedSignature, location, method.Name, What, reason));

        static string RefKeyword(RefKind refKind) => refKind switch
        {
            RefKind.Out => "out",
            RefKind.In => "in",
            RefKind.RefReadOnlyParameter => "ref readonly",
            _ => "ref",
        };
    }
}
