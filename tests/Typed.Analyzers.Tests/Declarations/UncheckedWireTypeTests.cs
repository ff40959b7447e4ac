using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.UncheckedWireTypeAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class UncheckedWireTypeTests
{
    [Fact]
    public Task TYP1007_types_memorypack_reads_itself() => Verifier.Analyzer(
        """
        [MemoryPackable] public partial class Bag { public string? Name { get; set; } }
        [MemoryPackable] public partial record Extra(string Name) { public int Count { get; init; } }
        [MemoryPackable] public partial record Wrapper(string Label, List<Bag> Bags);

        [Process]
        public partial class A
        {
            [Call] public int Take({|#0:Bag|} bag) => 0;
            [Cast] public void Put({|#1:Extra|} extra) { }
            [Call] public {|#2:Wrapper|} Wrap() => null!;
        }

        [Rpc]
        public static partial class Remote
        {
            public static int Count({|#3:Bag[]|} bags) => bags.Length;
        }
        """,
        Verifier.Diagnostic("TYP1007").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(0).WithArguments("parameter 'bag'", "Take", "Bag"),
        Verifier.Diagnostic("TYP1007").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(1).WithArguments("parameter 'extra'", "Put", "Extra"),
        Verifier.Diagnostic("TYP1007").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(2).WithArguments("reply", "Wrap", "Bag"),
        Verifier.Diagnostic("TYP1007").WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(3).WithArguments("parameter 'bags'", "Count", "Bag"));

    [Fact]
    public Task TYP1007_not_reported_for_what_Typed_reads_checked() => Verifier.Analyzer("""
        [MemoryPackable] public partial record Item(string Name, decimal Price);
        [MemoryPackable] public sealed partial record Tree(string Label, List<Tree> Children, Tree? Next);

        [Process]
        public partial class Catalog
        {
            [Call] public List<Item> All(Dictionary<string, Item[]> filter) => [];
            [Call] public Tree Root(Tree tree) => tree;
            [Call] public Pid Owner(ProcessRef<Catalog> self, Pid pid, ExitReason reason) => pid;
            [Info] public void On(Down down) { }
            [Info] public void On(GroupChanged change) { }
            [Cast] public void Tag(string name, int[] values) { }
        }
        """);
}
