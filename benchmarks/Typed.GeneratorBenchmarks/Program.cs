using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Typed.GeneratorBenchmarks;

// The generator at scale (issue 18): per-edit driver time, output size and analyzer time on a
// synthetic project of N behaviours. See benchmarks/README.md, "Generator and analyzers".
var sizes = new[] { 10, 100, 1000 };
var reps = 20;
var analyzerN = 1000;
string? dump = null;
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--n":
            sizes = [.. args[++a].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
            break;
        case "--reps":
            reps = int.Parse(args[++a], CultureInfo.InvariantCulture);
            break;
        case "--dump":
            dump = args[++a];
            break;
        case "--analyzers":
            analyzerN = int.Parse(args[++a], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: Typed.GeneratorBenchmarks [--n 10,100,1000] [--reps 20] [--analyzers 1000|0] [--dump DIR (the generated files of the first N)]");
            return 2;
    }
}

var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
var references = References();
Console.WriteLine($"# Typed generator at scale: {Environment.ProcessorCount} cores, median of {reps} edits, driver time in ms");
Console.WriteLine();
Console.WriteLine("| N | files | generated | per behaviour | body edit | new handler | unrelated edit |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
foreach (var n in sizes)
{
    var sources = SyntheticProject.Sources(n);
    var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
    var compilation = Compile(trees, references);
    var driver = CSharpGeneratorDriver.Create([new Typed.Generators.TypedGenerator().AsSourceGenerator()], parseOptions: parse)
        .RunGenerators(compilation);
    var run = driver.GetRunResult();
    var generated = run.GeneratedTrees.Select(t => t.GetText()).ToList();
    var bytes = generated.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t.ToString()));
    var perBehaviour = run.Results[0].GeneratedSources
        .Where(s => s.HintName.StartsWith("Bench.Area0.Worker0.", StringComparison.Ordinal))
        .Sum(s => System.Text.Encoding.UTF8.GetByteCount(s.SourceText.ToString()));

    if (dump is not null)
    {
        Directory.CreateDirectory(dump);
        foreach (var source in run.Results[0].GeneratedSources)
        {
            File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
        }

        dump = null;
    }

    var worker = trees.First(t => t.FilePath == SyntheticProject.BehaviourPath(0));
    var unrelated = trees.First(t => t.FilePath == SyntheticProject.UnrelatedPath);
    var body = Measure(driver, compilation, worker, r => SyntheticProject.Behaviour(0, "_n = " + r, extraHandlers: 0), reps, parse);
    var handler = Measure(driver, compilation, worker, r => SyntheticProject.Behaviour(0, "_n = " + r, extraHandlers: 1), reps, parse);
    var other = Measure(driver, compilation, unrelated, SyntheticProject.Unrelated, reps, parse);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {n} | {generated.Count} | {bytes / 1024.0:0} KB | {perBehaviour / 1024.0:0.0} KB | {body:0.0} | {handler:0.0} | {other:0.0} |"));
}

if (analyzerN > 0)
{
    Console.WriteLine();
    Console.WriteLine($"## Analyzers at N = {analyzerN} (GetAnalyzerDiagnostics, sequential, second run on a fresh compilation)");
    Console.WriteLine();
    var trees = SyntheticProject.Sources(analyzerN).Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
    CSharpGeneratorDriver.Create([new Typed.Generators.TypedGenerator().AsSourceGenerator()], parseOptions: parse)
        .RunGeneratorsAndUpdateCompilation(Compile(trees, references), out var output, out _);
    var analyzers = typeof(Typed.Analyzers.DiagnosticIds).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
    await Analyze(output, analyzers, print: false);
    await Analyze(output, analyzers, print: true);
}

return 0;

static double Measure(GeneratorDriver driver, Compilation compilation, SyntaxTree tree, Func<int, string> edit, int reps, CSharpParseOptions parse)
{
    // Warm-up: JIT and the driver's first pass over an edited compilation.
    for (var w = 0; w < 3; w++)
    {
        driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edit(-1 - w), parse, tree.FilePath)));
    }

    var times = new double[reps];
    for (var r = 0; r < reps; r++)
    {
        // A fresh compilation per edit, as the IDE makes one per keystroke: nothing bound is shared.
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(SourceText.From(edit(r)), parse, tree.FilePath));
        var watch = Stopwatch.StartNew();
        driver.RunGenerators(edited);
        times[r] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    return (times[(reps - 1) / 2] + times[reps / 2]) / 2;
}

static async Task Analyze(Compilation output, ImmutableArray<DiagnosticAnalyzer> analyzers, bool print)
{
    var fresh = ((CSharpCompilation)output).Clone();
    var options = new CompilationWithAnalyzersOptions(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
    var withAnalyzers = fresh.WithAnalyzers(analyzers, options);
    var watch = Stopwatch.StartNew();
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    var total = watch.Elapsed.TotalMilliseconds;
    if (!print)
    {
        return;
    }

    Console.WriteLine("| analyzer | ms |");
    Console.WriteLine("|---|---:|");
    var rows = new List<(string Name, double Ms)>();
    foreach (var analyzer in analyzers)
    {
        var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        rows.Add((analyzer.GetType().Name, info.ExecutionTime.TotalMilliseconds));
    }

    foreach (var (name, ms) in rows.OrderByDescending(r => r.Ms))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms:0} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| sum | {rows.Sum(r => r.Ms):0} |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GetAnalyzerDiagnostics wall time {total:0} ms (binding included), {diagnostics.Length} diagnostics"));
}

static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees, ImmutableArray<MetadataReference> references) =>
    CSharpCompilation.Create(
        "Synthetic",
        trees,
        references,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

static ImmutableArray<MetadataReference> References()
{
    var ours = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
        .Where(p => Path.GetFileName(p) is var f && (f == "Typed.dll" || f.StartsWith("MemoryPack", StringComparison.Ordinal) || f.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    return [.. Basic.Reference.Assemblies.Net100.References.All, .. ours];
}
