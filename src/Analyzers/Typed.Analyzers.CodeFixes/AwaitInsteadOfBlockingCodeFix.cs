using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Typed.Analyzers.Handlers;

namespace Typed.Analyzers.CodeFixes;

/// <summary>
/// TYP2002: replaces a blocking wait with <c>await</c> where the rewrite is mechanical —
/// <c>t.Result</c> and <c>t.GetAwaiter().GetResult()</c> become <c>await t</c>, <c>t.Wait()</c> becomes
/// <c>await t</c>, <c>Thread.Sleep(d)</c> becomes <c>await Task.Delay(d)</c>, <c>Task.WaitAll(ts)</c>
/// becomes <c>await Task.WhenAll(ts)</c> — and makes the handler <c>async</c> if it is not: <c>void</c>
/// becomes <c>ValueTask</c> and <c>T</c> becomes <c>ValueTask&lt;T&gt;</c>. Not offered for
/// <c>Task.WaitAny</c>, for waits with a timeout, inside <c>lock</c>, in a local function that is not
/// already async, or in a handler that returns a task without being async.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitInsteadOfBlockingCodeFix))]
[Shared]
public sealed class AwaitInsteadOfBlockingCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticIds.BlockingCall];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.KindProperty, out var kind)
                || Syntax.Exactly<ExpressionSyntax>(root, diagnostic.Location.SourceSpan) is not { } blocking
                || Replacement(blocking, kind, model, context.CancellationToken) is not { } replacement
                || !CanMakeAsync(blocking, model, context.CancellationToken, out var function))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Await instead of blocking", ct => FixAsync(context.Document, blocking, replacement, function, ct), equivalenceKey: nameof(AwaitInsteadOfBlockingCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The awaiting expression that replaces <paramref name="blocking"/>, or null when none is mechanical.</summary>
    static ExpressionSyntax? Replacement(ExpressionSyntax blocking, string? kind, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax? awaited = null;
        switch (kind)
        {
            case BlockingCallAnalyzer.KindResult when blocking is MemberAccessExpressionSyntax result:
                awaited = result.Expression;
                break;
            case BlockingCallAnalyzer.KindGetResult
                when blocking is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } } }:
                awaited = getAwaiter.Expression;
                break;
            case BlockingCallAnalyzer.KindWait when blocking is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax wait }:
                awaited = wait.Expression;
                break;
            case BlockingCallAnalyzer.KindSleep when blocking is InvocationExpressionSyntax sleep:
                awaited = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression("global::System.Threading.Tasks.Task.Delay").WithAdditionalAnnotations(Simplifier.Annotation),
                    sleep.ArgumentList);
                break;
            case BlockingCallAnalyzer.KindWaitAll
                when blocking is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax waitAll } invocation
                    && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true } method
                    && method.Parameters.All(p => p.Type is IArrayTypeSymbol || p.Type.Name == "IEnumerable" || p.Type.Name == "ReadOnlySpan"):
                awaited = invocation.WithExpression(waitAll.WithName(SyntaxFactory.IdentifierName("WhenAll")));
                break;
        }

        if (awaited is null)
        {
            return null;
        }

        var await = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
        ExpressionSyntax replacement = blocking.Parent is ExpressionStatementSyntax ? await : SyntaxFactory.ParenthesizedExpression(await).WithAdditionalAnnotations(Simplifier.Annotation);
        return replacement.WithTriviaFrom(blocking);
    }

    /// <summary>Whether the function around <paramref name="blocking"/> is, or can mechanically become, async.</summary>
    static bool CanMakeAsync(ExpressionSyntax blocking, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode function)
    {
        function = null!;
        foreach (var ancestor in blocking.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax or QueryExpressionSyntax or AnonymousFunctionExpressionSyntax:
                    return false;
                case LocalFunctionStatementSyntax local:
                    function = local;
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    function = method;
                    if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                    {
                        return true;
                    }

                    // A method returning a task without 'async' returns tasks by hand: not mechanical.
                    return model.GetDeclaredSymbol(method, cancellationToken) is { } symbol
                        && (symbol.ReturnsVoid || !IsTaskLike(symbol.ReturnType))
                        && !symbol.ReturnsByRef;
            }
        }

        return false;
    }

    static bool IsTaskLike(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && type.Name is "Task" or "ValueTask";

    static async Task<Document> FixAsync(Document document, ExpressionSyntax blocking, ExpressionSyntax replacement, SyntaxNode function, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(blocking, replacement);
        if (function is MethodDeclarationSyntax method && !method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            editor.ReplaceNode(method, (current, _) => MakeAsync((MethodDeclarationSyntax)current));
        }

        return editor.GetChangedDocument();
    }

    /// <summary><c>void M()</c> → <c>async ValueTask M()</c>; <c>T M()</c> → <c>async ValueTask&lt;T&gt; M()</c>.</summary>
    static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method)
    {
        var returnType = method.ReturnType;
        TypeSyntax task = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            ? SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.ValueTask")
            : SyntaxFactory.QualifiedName(
                SyntaxFactory.ParseName("global::System.Threading.Tasks"),
                SyntaxFactory.GenericName(SyntaxFactory.Identifier("ValueTask"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia()))));
        task = task.WithAdditionalAnnotations(Simplifier.Annotation);

        var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (method.Modifiers.Count == 0)
        {
            return method
                .WithModifiers(SyntaxFactory.TokenList(asyncToken.WithLeadingTrivia(returnType.GetLeadingTrivia())))
                .WithReturnType(task.WithTrailingTrivia(returnType.GetTrailingTrivia()));
        }

        return method
            .WithModifiers(method.Modifiers.Add(asyncToken))
            .WithReturnType(task.WithTriviaFrom(returnType));
    }
}
