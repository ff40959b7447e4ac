namespace Typed.Generators.Tests;

public class GeneratedCodeTests
{
    public static TheoryData<string> ScenarioNames => [.. Scenarios.All.Keys];

    public static TheoryData<string> InvalidNames => [.. Scenarios.Invalid.Keys];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Generated_code_matches_its_snapshot(string scenario)
    {
        var (files, _, diagnostics) = GeneratorHarness.Run(Scenarios.All[scenario]);

        Assert.Empty(diagnostics);
        Snapshot.Match(scenario, files);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_scenario_compiles_without_errors_or_warnings(string scenario)
    {
        var (files, output, _) = GeneratorHarness.Run(Scenarios.All[scenario]);

        Assert.NotEmpty(files);
        var problems = GeneratorHarness.Problems(output);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_declarations_generate_nothing_and_do_not_fail(string scenario)
    {
        var (files, _, diagnostics) = GeneratorHarness.Run("using Typed;\n" + Scenarios.Invalid[scenario]);

        // Only the valid helper process P of the supervisor scenarios may generate anything.
        Assert.All(files.Keys, hint => Assert.StartsWith("P.", hint, StringComparison.Ordinal));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Ids_are_explicit_literals_and_stable()
    {
        var (files, _, _) = GeneratorHarness.Run(Scenarios.All["StartArgsAndHooks"]);
        var messages = GeneratorHarness.Part(files, "Life.Explicit")!;

        Assert.Contains("case 7: // Seven()", messages, StringComparison.Ordinal);
        Assert.Contains("MessageSpec.Cast<global::Typed.CompilerServices.NoArgs>(8, \"Eight\")", messages, StringComparison.Ordinal);
        Assert.Contains("42,", messages, StringComparison.Ordinal);

        // The derived ids are FNV-1a of the signature: the same on every run and machine.
        var again = GeneratorHarness.Run(Scenarios.All["StartArgsAndHooks"]).Files;
        Assert.Equal(GeneratorHarness.Part(files, "Life.Session"), GeneratorHarness.Part(again, "Life.Session"));
    }

    [Fact]
    public void Rpc_function_ids_are_explicit_literals_from_the_module_id_or_the_signature()
    {
        var (files, _, _) = GeneratorHarness.Run(Scenarios.All["Rpc"]);
        var maths = GeneratorHarness.Part(files, "Calc.Maths")!;
        var tools = GeneratorHarness.Part(files, "Calc.Host.Tools")!;

        // FNV-1a of the full signature without the token: stable on every run and machine.
        // (The id is the registration's first argument and the stubs' literal.)
        Assert.Contains(" 1284182483,\n", maths, StringComparison.Ordinal);
        Assert.Contains("(this.__target, 1284182483, ", maths, StringComparison.Ordinal);
        Assert.Contains(" 1886235033,\n", maths, StringComparison.Ordinal);

        // An explicit module id replaces the type name, so moving or renaming the class keeps the ids.
        var moved = GeneratorHarness.Run(Scenarios.All["Rpc"].Replace("public partial class Host", "public partial class Elsewhere", StringComparison.Ordinal)).Files;
        Assert.Equal(Ids(tools), Ids(GeneratorHarness.Part(moved, "Calc.Elsewhere.Tools")!));

        static string[] Ids(string text) => [.. text.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*[0-9]+,$"))];
    }

    /// <summary>
    /// A behaviour without hooks keeps IProcessBehaviour's default InitAsync and TerminateAsync, unless a
    /// method of that name (its own or a base's) could implement them implicitly: then both are explicit,
    /// as before, so that method is never run as a hook.
    /// </summary>
    [Fact]
    public void Hooks_keep_the_interface_defaults_unless_a_method_of_their_name_could_take_their_place()
    {
        var (files, output, _) = GeneratorHarness.Run(
            "using Typed; namespace H; [Process] public partial class Plain { [Call] public int X() => 0; }",
            "using Typed; using System.Threading.Tasks; namespace H; public class Base { public ValueTask TerminateAsync(ExitReason reason) => default; } [Process] public partial class Named : Base { [Call] public int X() => 0; }");

        var plain = GeneratorHarness.Part(files, "H.Plain")!;
        Assert.DoesNotContain("IProcessBehaviour.InitAsync", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("IProcessBehaviour.TerminateAsync", plain, StringComparison.Ordinal);
        var named = GeneratorHarness.Part(files, "H.Named")!;
        Assert.Contains("IProcessBehaviour.InitAsync(object? startArgs) => default;", named, StringComparison.Ordinal);
        Assert.Contains("IProcessBehaviour.TerminateAsync(global::Typed.ExitReason reason) => default;", named, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    [Fact]
    public void Hint_names_do_not_collide_between_nested_and_namespaced_types()
    {
        // One file each: a generated file is named after the first declaration of its source file.
        var (files, output, diagnostics) = GeneratorHarness.Run(
            "using Typed; namespace A { public partial class B { [Process] public partial class C { [Call] public int X() => 0; } } }",
            "using Typed; namespace A2.B { [Process] public partial class C { [Call] public int X() => 0; } }",
            "using Typed; namespace A2 { [Process] public partial class C { [Call] public int X() => 0; } }");

        Assert.Empty(diagnostics);
        Assert.Equal(3, files.Count);
        Assert.Contains("A.B+C.Process.g.cs", files.Keys);
        Assert.Contains("A2.B.C.Process.g.cs", files.Keys);
        Assert.Contains("A2.C.Process.g.cs", files.Keys);
        Assert.Empty(GeneratorHarness.Problems(output));
    }
}
