using Microsoft.CodeAnalysis.Testing;
using Typed.Analyzers.CodeFixes;
using Verifier = Typed.Analyzers.Tests.Verify<Typed.Analyzers.Declarations.SerializableTypesAnalyzer>;

namespace Typed.Analyzers.Tests.Declarations;

public class SerializableTypesTests
{
    [Fact]
    public Task TYP1003_parameters_replies_messages_and_start_arguments() => Verifier.Analyzer("""
        public class Plain { public int X { get; set; } }

        [Process]
        public partial class A
        {
            [Init] public void Start([|Plain|] plain) { }
            [Call] public int Take([|object|] o) => 0;
            [Call] public [|Task<Plain>|] Give() => Task.FromResult(new Plain());
            [Call] public int Many([|List<Plain>|] items) => 0;
            [Cast] public void Act([|Action|] callback) { }
            [Info] public void On([|Plain|] message) { }
        }

        [Rpc]
        public static partial class Remote
        {
            public static [|Plain|] Make(int x) => new();
        }
        """);

    [Fact]
    public Task TYP1003_message_names_the_part_that_cannot_be_serialized() => Verifier.Analyzer(
        """
        public class Plain { }

        [Process]
        public partial class A
        {
            [Call] public int Many({|#0:Dictionary<string, Plain>|} items) => 0;
        }
        """,
        Verifier.Diagnostic("TYP1003").WithLocation(0).WithArguments("parameter 'items'", "Many", "Dictionary<string, Plain>", " (it holds 'Plain')"));

    [Fact]
    public Task TYP1003_not_reported_for_types_memorypack_serializes() => Verifier.Analyzer("""
        [MemoryPackable] public partial record Item(string Name, decimal Price);
        public struct Point { public int X; public int Y; }
        public enum Colour { Red, Green }

        [Process]
        public partial class Catalog
        {
            [Call] public string? Find(string? key, int? limit) => key;
            [Call] public List<Item> All(Dictionary<string, int[]> filter, HashSet<Guid> ids) => [];
            [Call] public Item? Best(IReadOnlyList<Item> items, Item[,] grid) => null;
            [Call] public (int Count, string Name) Pair(DateTimeOffset at, TimeSpan span) => (1, "");
            [Call] public Pid Owner(ProcessRef<Catalog> self, Pid pid) => pid;
            [Call] public ProcessRef<Catalog>? Peer(byte[] blob, KeyValuePair<string, long> entry) => null;
            [Call] public ValueTask<Point> Where(Colour colour, Uri uri, Version version, CancellationToken ct) => default;
            [Call] public Task Flush() => Task.CompletedTask;
            [Cast] public void Tag(ConsoleColor color, char c, bool flag, System.Collections.Immutable.ImmutableArray<string> tags) { }
            [Cast] public object Dropped() => new();
            [Info] public void On(Down down) { }
            [Info] public void On(ExitSignal signal) { }
            [Info] public void On(Item item) { }

            public object NotAHandler(object o) => o;
        }
        """);

    [Fact]
    public Task TYP1003_fix_marks_the_type_memorypackable_and_partial() => Verifier.CodeFix<AddMemoryPackableCodeFix>(
        """
        namespace Shop;

        public record Job(int Id, string Payload);

        [Process]
        public partial class Worker
        {
            [Info] public void On([|Job|] job) { }
        }
        """,
        """
        namespace Shop;

        [MemoryPackable]
        public partial record Job(int Id, string Payload);

        [Process]
        public partial class Worker
        {
            [Info] public void On(Job job) { }
        }
        """);

    [Fact]
    public Task TYP1003_fix_marks_a_nested_type_and_its_container() => Verifier.CodeFix<AddMemoryPackableCodeFix>(
        """
        public class Envelopes
        {
            public sealed class Ping { public string From { get; set; } = ""; }
        }

        [Process]
        public partial class Worker
        {
            [Call] public int On([|Envelopes.Ping|] ping) => 0;
        }
        """,
        """
        public partial class Envelopes
        {
            [MemoryPackable]
            public sealed partial class Ping { public string From { get; set; } = ""; }
        }

        [Process]
        public partial class Worker
        {
            [Call] public int On(Envelopes.Ping ping) => 0;
        }
        """);

    [Fact]
    public Task TYP1003_no_fix_for_a_type_outside_the_source() => Verifier.NoCodeFix<AddMemoryPackableCodeFix>("""
        [Process]
        public partial class Worker
        {
            [Call] public int On([|object|] o) => 0;
        }
        """);
}
