using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Typed.Generators.Tests;

public class IncrementalityTests
{
    const string Behaviour = """
        using System.Threading.Tasks;
        using Typed;
        namespace Inc;
        [Process]
        public partial class Counter
        {
            int _n;
            [Call] public int Get() => _n;
            [Cast] public void Add(int k) => _n += k;
        }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var compilation = GeneratorHarness.Compile(Behaviour);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Inc; public class Unrelated { public int X; }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var steps = result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void An_edit_inside_a_handler_body_leaves_the_model_unchanged()
    {
        var compilation = GeneratorHarness.Compile(Behaviour);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(
            Behaviour.IndexOf("_n += k", StringComparison.Ordinal), "_n += k".Length, "_n += k * 2")));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Changing_a_handler_signature_modifies_the_output()
    {
        var compilation = GeneratorHarness.Compile(Behaviour);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Behaviour.Replace("Add(int k)", "Add(long k)", StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("CompilerServices.Args<long>", StringComparison.Ordinal));
    }

    const string Tree = """
        using Typed;
        namespace Inc;
        [Process] public partial class Leaf { [Call] public int Get() => 0; }
        [Supervisor(Strategy.OneForOne, Intensity = 3)]
        [Child<Leaf>("leaf", Restart.Permanent)]
        public partial class Root;
        """;

    [Fact]
    public void A_supervisor_is_cached_across_unrelated_edits_and_modified_by_its_attributes()
    {
        var compilation = GeneratorHarness.Compile(Tree);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var unrelated = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Inc; public class Unrelated { }", GeneratorHarness.ParseOptions));
        var cached = driver.RunGenerators(unrelated).GetRunResult().Results.Single();
        Assert.All(cached.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var changed = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Tree.Replace("Intensity = 3", "Intensity = 4", StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        var modified = driver.RunGenerators(changed).GetRunResult().Results.Single();
        Assert.Contains(modified.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    /// <summary>
    /// At scale (issue 18): 500 behaviours, 50 supervisors and 50 [Rpc] modules, one file each. An edit in
    /// a file that declares none of them re-runs no emitter: every model and every output is Cached or
    /// Unchanged, and the driver adds no file (so nothing spans all behaviours and is rebuilt per edit).
    /// One generated file per source file.
    /// </summary>
    [Fact]
    public void At_scale_an_unrelated_edit_leaves_every_output_cached()
    {
        const int n = 500;
        var compilation = GeneratorHarness.Compile([.. ScaleSources(n)]);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Length;
        Assert.Equal(n + (n / 10) + (n / 10), before);   // one file per source file: a behaviour with its Job record, a supervisor, an RPC module

        var tree = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            "namespace Scale; public static class Unrelated { public static int Value() => 1; }", GeneratorHarness.ParseOptions, tree.FilePath));
        AssertAllCached(driver.RunGenerators(edited).GetRunResult().Results.Single(), before);
    }

    /// <summary>
    /// At scale, an edit inside a handler's body (the commonest keystroke) parses nothing again: the file's
    /// tokens outside member bodies are the same, so every model and every output is Cached or Unchanged.
    /// A changed signature in the same file re-parses that file only: one model and one output change.
    /// </summary>
    [Fact]
    public void At_scale_a_body_edit_in_a_behaviour_leaves_every_output_cached_and_a_signature_edit_changes_one()
    {
        const int n = 500;
        var sources = ScaleSources(n);
        var compilation = GeneratorHarness.Compile([.. sources]);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Length;
        var tree = compilation.SyntaxTrees.First();

        var body = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            sources[0].Replace("=> _n = 0;", "=> _n = 42;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        AssertAllCached(driver.RunGenerators(body).GetRunResult().Results.Single(), before);

        var signature = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            sources[0].Replace("Reset()", "Reset(int to)", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(signature).GetRunResult().Results.Single();
        Assert.Single(result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("Reset(this global::Typed.ProcessRef<global::Scale.Area0.Worker0> process, int to)", StringComparison.Ordinal));
    }

    /// <summary>
    /// N behaviours (each with a [MemoryPackable] record of its own), N/10 supervisors and N/10 [Rpc]
    /// modules, one file each, and one file that declares nothing of Typed, last.
    /// </summary>
    static List<string> ScaleSources(int n)
    {
        var sources = new List<string>();
        for (var i = 0; i < n; i++)
        {
            sources.Add($$"""
                using System.Threading;
                using System.Threading.Tasks;
                using MemoryPack;
                using Typed;
                namespace Scale.Area{{i % 10}};
                [MemoryPackable] public partial record Job{{i}}(int Id, string Payload);
                [Process]
                public partial class Worker{{i}}
                {
                    int _n;
                    [Call] public int Get() => _n;
                    [Call] public ValueTask<int> Add(int k, CancellationToken ct) { _n += k; return new(_n); }
                    [Cast] public void Reset() => _n = 0;
                    [Info] public void Handle(Job{{i}} job) => _n += job.Id;
                }
                """);
        }

        for (var s = 0; s < n / 10; s++)
        {
            var children = string.Concat(Enumerable.Range(0, 10).Select(c => $"[Child<Scale.Area{c}.Worker{(s * 10) + c}>(\"w{c}\", Restart.Permanent)]\n"));
            sources.Add($"using Typed;\nnamespace Scale.Trees;\n[Supervisor(Strategy.OneForOne)]\n{children}public partial class Sup{s};\n");
            sources.Add($"using Typed;\nnamespace Scale.Rpc;\n[Rpc] public static partial class Module{s} {{ public static int Add(int a, int b) => a + b; }}\n");
        }

        sources.Add("namespace Scale; public static class Unrelated { public static int Value() => 0; }");
        return sources;
    }

    /// <summary>Every model step and every emitted output Cached or Unchanged, and no file added or removed.</summary>
    static void AssertAllCached(GeneratorRunResult result, int files)
    {
        Assert.Equal(files, result.GeneratedSources.Length);
        var models = result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(models);
        Assert.All(models, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var emitted = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(files, emitted.Count);
        Assert.All(emitted, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    /// <summary>An edit re-parses its own file; a declaration in another file is re-parsed when what it reads there changes.</summary>
    [Fact]
    public void A_handler_added_in_another_part_of_a_partial_behaviour_reaches_its_output()
    {
        const string marked = "using Typed; namespace Inc; [Process] public partial class Split { [Call] public int Get() => 0; }";
        const string other = "using Typed; namespace Inc; public partial class Split { }";
        var compilation = GeneratorHarness.Compile(marked, other);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Last();

        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            "using Typed; namespace Inc; public partial class Split { [Cast] public void Poke(int times) { } }", GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("MessageSpec.Cast<global::Typed.CompilerServices.Args<int>>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_child_that_gains_init_parameters_changes_its_supervisor_in_another_file()
    {
        const string child = "using Typed; namespace Inc; [Process] public partial class Leaf { [Call] public int Get() => 0; }";
        const string root = "using Typed; namespace Inc; [Supervisor(Strategy.SimpleOneForOne)] [Child<Leaf>(\"leaf\", Restart.Temporary)] public partial class Root;";
        var compilation = GeneratorHarness.Compile(child, root);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var before = RootText(driver.GetRunResult().Results.Single());
        var tree = compilation.SyntaxTrees.First();

        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            child.Replace("{ [Call]", "{ [Init] public void Start(string name) { } [Call]", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(before, RootText(result));

        static string RootText(GeneratorRunResult run) => string.Concat(run.GeneratedSources
            .Where(s => s.HintName.StartsWith("Inc.Root.", StringComparison.Ordinal)).OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void A_field_added_to_a_message_type_in_another_file_reaches_the_registrations()
    {
        const string behaviour = "using Typed; namespace Inc; [Process] public partial class Box { [Info] public void On(Parcel p) { } }";
        const string message = "using MemoryPack; namespace Inc; [MemoryPackable] public partial class Parcel { public int Weight { get; set; } }";
        var compilation = GeneratorHarness.Compile(behaviour, message, "namespace Inc; [MemoryPack.MemoryPackable] public partial class Label { public string? Text { get; set; } }");
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.ElementAt(1);

        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            message.Replace("{ get; set; } }", "{ get; set; } public Label? Tag { get; set; } }", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("typeof(global::Inc.Label)", StringComparison.Ordinal));
    }

    /// <summary>Declarations are found by their attribute's symbol, as ForAttributeWithMetadataName found them: an alias works.</summary>
    [Fact]
    public void A_behaviour_marked_through_an_alias_is_generated_and_follows_its_edits()
    {
        const string source = "using P = Typed.ProcessAttribute; using Typed; namespace Inc; [P] public partial class Aliased { [Call] public int Get() => 0; }";
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Contains(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "Inc.Aliased.Process.g.cs");

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            source.Replace("[Call] public int Get() => 0;", "[Call] public long Get() => 0;", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("MessageSpec.Call<global::Typed.CompilerServices.NoArgs, long>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_model_holds_no_symbols_syntax_or_compilation()
    {
        var result = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compile(Scenarios.All["SyncAndAsync"], Scenarios.All["StartArgsAndHooks"]))
            .GetRunResult().Results.Single();
        var models = result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

        Assert.NotEmpty(models);
        foreach (var model in models)
        {
            Walk(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    [Fact]
    public void Equal_declarations_give_equal_models()
    {
        var first = Models(Scenarios.All["NullableAndCollections"]);
        var second = Models(Scenarios.All["NullableAndCollections"]);

        Assert.Equal(first, second);
        Assert.Equal(first.Select(m => m.GetHashCode()), second.Select(m => m.GetHashCode()));
    }

    [Fact]
    public void Output_does_not_depend_on_file_order()
    {
        const string other = "using Typed; namespace Inc; [Process] public partial class Other { [Call] public int X() => 1; }";
        var a = GeneratorHarness.Run(Behaviour, other).Files;
        var b = GeneratorHarness.Run(other, Behaviour).Files;

        Assert.Equal(a.OrderBy(f => f.Key), b.OrderBy(f => f.Key));
    }

    const string Module = """
        using System.Threading;
        using System.Threading.Tasks;
        using Typed;
        namespace Inc;
        [Rpc]
        public static partial class Maths
        {
            public static int Add(int a, int b) => a + b;
            public static Task<string> Echo(string s, CancellationToken ct) => Task.FromResult(s);
        }
        """;

    [Fact]
    public void An_rpc_module_is_cached_across_unrelated_edits_and_body_edits_and_modified_by_its_signatures()
    {
        var compilation = GeneratorHarness.Compile(Module);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var unrelated = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Inc; public class Unrelated { }", GeneratorHarness.ParseOptions));
        var cached = driver.RunGenerators(unrelated).GetRunResult().Results.Single();
        Assert.NotEmpty(cached.TrackedSteps[TrackingNames.Declarations]);
        Assert.All(cached.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.All(cached.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var body = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Module.Replace("a + b", "b + a", StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        var unchanged = driver.RunGenerators(body).GetRunResult().Results.Single();
        Assert.All(unchanged.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var signature = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Module.Replace("Add(int a, int b)", "Add(long a, int b)", StringComparison.Ordinal), GeneratorHarness.ParseOptions));
        var modified = driver.RunGenerators(signature).GetRunResult().Results.Single();
        Assert.Contains(modified.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(modified.GeneratedSources, s => s.SourceText.ToString().Contains("RpcFunction.Of<global::Typed.CompilerServices.Args<long, int>, ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_rpc_model_holds_no_symbols_syntax_or_compilation()
    {
        var result = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compile(Scenarios.All["Rpc"])).GetRunResult().Results.Single();
        var models = result.TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

        Assert.Equal(2, models.Cast<Model.FileModel>().Sum(m => m.RpcModules.Count));
        foreach (var model in models)
        {
            Walk(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    [Fact]
    public void Rpc_output_does_not_depend_on_declaration_order()
    {
        var reordered = Module.Replace(
            "public static int Add(int a, int b) => a + b;\n    public static Task<string> Echo(string s, CancellationToken ct) => Task.FromResult(s);",
            "public static Task<string> Echo(string s, CancellationToken ct) => Task.FromResult(s);\n    public static int Add(int a, int b) => a + b;",
            StringComparison.Ordinal);
        Assert.NotEqual(Module, reordered);

        Assert.Equal(GeneratorHarness.Run(Module).Files.OrderBy(f => f.Key), GeneratorHarness.Run(reordered).Files.OrderBy(f => f.Key));
    }

    static List<object> Models(string source) =>
        GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compile(source)).GetRunResult().Results.Single()
            .TrackedSteps[TrackingNames.Declarations].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

    static void Walk(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, seen, $"{path}[{i++}]");
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                Walk(property.GetValue(value), seen, path + "." + property.Name);
            }
        }
    }
}
