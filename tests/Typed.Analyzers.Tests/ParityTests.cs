using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Typed.Generators;

namespace Typed.Analyzers.Tests;

/// <summary>
/// The analyzers report exactly what the generator skips: for each declaration, either the generator
/// emits code and no analyzer reports an error, or it emits nothing and some analyzer says why.
/// The skipped cases include every "Invalid" scenario of the generator's own tests.
/// </summary>
public class ParityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // The generator tests' invalid scenarios.
        { "NotPartial", "[Process] public class A { [Call] public int X() => 0; }" },
        { "ContainingNotPartial", "public class Outer { [Process] public partial class A { [Call] public int X() => 0; } }" },
        { "Static", "[Process] public static partial class A { }" },
        { "Abstract", "[Process] public abstract partial class A { }" },
        { "Generic", "[Process] public partial class A<T> { [Call] public int X() => 0; }" },
        { "Record", "[Process] public partial record A { [Call] public int X() => 0; }" },
        { "RefParameter", "[Process] public partial class A { [Call] public int X(ref int y) => y; }" },
        { "ParamsParameter", "[Process] public partial class A { [Call] public int X(params int[] y) => 0; }" },
        { "GenericHandler", "[Process] public partial class A { [Call] public T X<T>(T y) => y; }" },
        { "AsyncVoid", "[Process] public partial class A { [Cast] public async void X() { await System.Threading.Tasks.Task.Yield(); } }" },
        { "InfoTwoParameters", "[Process] public partial class A { [Info] public void X(int a, int b) { } }" },
        { "Overloads", "[Process] public partial class A { [Call] public int X() => 0; [Call] public int X(int a) => a; }" },
        { "DuplicateIds", "[Process] public partial class A { [Call(Id = 5)] public int X() => 0; [Cast(Id = 5)] public void Y() { } }" },
        { "PrivateNested", "public partial class Outer { [Process] private partial class A { [Call] public int X() => 0; } }" },
        { "NoUsableConstructor", "[Process] public partial class A { private A() { } [Call] public int X() => 0; }" },
        { "SpanParameter", "[Process] public partial class A { [Call] public int X(System.Span<int> s) => 0; }" },
        { "TwoInits", "[Process] public partial class A { [Init] public void I1() { } [Init] public void I2() { } }" },
        { "BadTerminate", "[Process] public partial class A { [Terminate] public void T(int x) { } }" },

        // More the parser rejects.
        { "NestedInGeneric", "public partial class Box<T> { [Process] public partial class A { [Call] public int X() => 0; } }" },
        { "StaticHandler", "[Process] public partial class A { [Call] public static int X() => 0; }" },
        { "InParameter", "[Process] public partial class A { [Call] public int X(in int y) => y; }" },
        { "ReservedParameterName", "[Process] public partial class A { [Call] public int X(int instance) => 0; }" },
        { "CollidingParameterNames", "[Process] public partial class A { [Call] public int X(int a, int A) => 0; }" },
        { "HookWithToken", "[Process] public partial class A { [Init] public void I(CancellationToken ct) { } }" },
        { "HookReturnsValue", "[Process] public partial class A { [Init] public int I() => 0; }" },
        { "InfoSameType", "[Process] public partial class A { [Info] public void X(Down d) { } [Info] public void Y(Down d) { } }" },
        { "ConstructorWithParams", "[Process] public partial class A { public A(params int[] x) { } [Call] public int X() => 0; }" },
        { "SupervisorAlsoProcess", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Process] public partial class S;" },
        { "SupervisorChildNotBehaviour", "public class P; [Supervisor(Strategy.OneForOne)] [Child<P>(\"p\")] public partial class S;" },
        { "SupervisorDuplicateIds", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Child<W>(\"a\")] [Child<W>(\"a\")] public partial class S;" },
        { "SupervisorEmptyId", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Child<W>(\"\")] public partial class S;" },
        { "SupervisorIntensity", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne, Intensity = -1)] [Child<W>(\"a\")] public partial class S;" },
        { "SupervisorShutdown", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Child<W>(\"a\", Shutdown = -3)] public partial class S;" },
        { "SupervisorSignificantPermanent", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Child<W>(\"a\", Significant = true)] public partial class S;" },
        { "SimpleOneForOneTwoChildren", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.SimpleOneForOne)] [Child<W>(\"a\")] [Child<W>(\"b\")] public partial class S;" },
        { "StartArgsUnderOneForOne", "[Process] public partial class W { [Init] public void I(string n) { } } [Supervisor(Strategy.OneForOne)] [Child<W>(\"a\")] public partial class S;" },
        { "SupervisorWithoutParameterlessConstructor", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne)] [Child<W>(\"a\")] public partial class S(int x);" },

        // [Rpc] modules.
        { "RpcNotStatic", "[Rpc] public partial class M { public static int X() => 0; }" },
        { "RpcNotPartial", "[Rpc] public static class M { public static int X() => 0; }" },
        { "RpcGeneric", "[Rpc] public static partial class M<T> { public static int X() => 0; }" },
        { "RpcPrivateNested", "public partial class Outer { [Rpc] private static partial class M { public static int X() => 0; } }" },
        { "RpcGenericFunction", "[Rpc] public static partial class M { public static T X<T>(T y) => y; }" },
        { "RpcRefParameter", "[Rpc] public static partial class M { public static int X(ref int y) => y; }" },
        { "RpcOutParameter", "[Rpc] public static partial class M { public static void X(out int y) => y = 0; }" },
        { "RpcSpanParameter", "[Rpc] public static partial class M { public static int X(System.Span<int> s) => 0; }" },
        { "RpcAsyncVoid", "[Rpc] public static partial class M { public static async void X() { await Task.Yield(); } }" },
        { "RpcReservedMethodName", "[Rpc] public static partial class M { public static int On() => 0; }" },
        { "RpcReservedCast", "[Rpc] public static partial class M { public static int Cast(int x) => x; }" },
        { "RpcReservedAsync", "[Rpc] public static partial class M { public static int Async(int x) => x; }" },
        { "RpcReservedMulticall", "[Rpc] public static partial class M { public static int Multicall(int x) => x; }" },
        { "RpcReservedCallStub", "[Rpc] public static partial class M { public static int CallStub(int x) => x; }" },
        { "RpcReservedCastStub", "[Rpc] public static partial class M { public static int CastStub(int x) => x; }" },
        { "RpcReservedAsyncStub", "[Rpc] public static partial class M { public static int AsyncStub(int x) => x; }" },
        { "RpcReservedMulticallStub", "[Rpc] public static partial class M { public static int MulticallStub(int x) => x; }" },
        { "RpcReservedRpcFunctions", "[Rpc] public static partial class M { public static int RpcFunctions(int x) => x; }" },
        { "RpcReservedPrivateField", "[Rpc] public static partial class M { static int Multicall = 0; public static int X() => Multicall; }" },
        { "RpcReservedNestedType", "[Rpc] public static partial class M { public sealed class CallStub { } public static int X() => 0; }" },

        // Served: nothing to report.
        { "ValidRpc", "[Rpc(Id = 3)] public static partial class M { public static int X(in int a, int b = 2) => a; public static int X(params int[] a) => 0; public static Task<string> Y(CancellationToken ct) => Task.FromResult(\"y\"); public static void Z() { } public static int Online() => 0; }" },
        { "ValidRpcNested", "public partial class Outer { [Rpc] internal static partial class M { public static ValueTask W() => default; } }" },
        { "Valid", "[Process] public partial class A(IServiceProvider s) { [Init] public Task I(string n) => Task.CompletedTask; [Call] public ValueTask<int> X(int a, CancellationToken ct) => new(a); [Cast] public void Y() { } [Info] public void On(Down d) { } [Terminate] public void T(ExitReason r) { } }" },
        { "ValidNested", "public partial class Outer { internal partial struct H { [Process] internal partial class A { [Cast] public void P() { } } } }" },
        { "ValidSupervisor", "[Process] public partial class W { [Call] public int X() => 0; } [Supervisor(Strategy.OneForOne, Intensity = 0, Period = 1)] [Child<W>(\"a\", Restart.Transient, Shutdown = 0, Significant = true)] public partial class S;" },
        { "ValidSimpleOneForOne", "[Process] public partial class W { [Init] public void I(string n) { } } [Supervisor(Strategy.SimpleOneForOne)] [Child<W>(\"a\", Restart.Temporary)] public partial class S;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Analyzers_report_an_error_exactly_when_the_generator_skips(string name, string source)
    {
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(References.Usings, References.ParseOptions), CSharpSyntaxTree.ParseText(source, References.ParseOptions)],
            References.Metadata,
            (CSharpCompilationOptions)References.Options(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));
        var driver = CSharpGeneratorDriver.Create(new TypedGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        var result = driver.GetRunResult();
        Assert.Empty(result.Diagnostics);

        // Every declaration in the source (a class may be both); each must get its code, or an error. A
        // source file is one generated file; each declaration's part in it opens with its "Generated by" line.
        var declarations = compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>()
            .SelectMany(t => t.GetAttributes().Select(a => a.AttributeClass?.Name is "ProcessAttribute" or "SupervisorAttribute" or "RpcAttribute"
                ? "// Generated by Typed.Generators from " + t.ToDisplayString() + ". Do not edit.\n"
                : null))
            .OfType<string>()
            .ToList();
        var generated = string.Concat(result.GeneratedTrees.Select(t => t.GetText().ToString()));
        var skipped = declarations.GroupBy(d => d)
            .Where(g => Occurrences(generated, g.Key) < g.Count())
            .Select(g => g.Key)
            .ToList();

        // The analyzers see what a build gives them: the source plus the generator's output.
        var diagnostics = await withGenerated.WithAnalyzers([.. CatalogueTests.Analyzers()]).GetAnalyzerDiagnosticsAsync();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (skipped.Count == 0)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.NotEmpty(errors);
        }
    }

    static int Occurrences(string text, string line)
    {
        var count = 0;
        for (var i = text.IndexOf(line, StringComparison.Ordinal); i >= 0; i = text.IndexOf(line, i + line.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
