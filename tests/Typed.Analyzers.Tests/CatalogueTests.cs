using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Typed.Analyzers.CodeFixes;

namespace Typed.Analyzers.Tests;

/// <summary>The catalogue, the analyzers, the code fixes and the docs agree on every id.</summary>
public class CatalogueTests
{
    internal static readonly IReadOnlyList<string> Ids = typeof(DiagnosticIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(v => Regex.IsMatch(v, "^TYP[0-9]{4}$"))
        .OrderBy(v => v, StringComparer.Ordinal)
        .ToList();

    internal static IReadOnlyList<DiagnosticAnalyzer> Analyzers() => typeof(DiagnosticIds).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToList();

    [Fact]
    public void Every_rule_but_the_generators_has_one_analyzer_and_its_help_link()
    {
        var reported = Analyzers().SelectMany(a => a.SupportedDiagnostics.Select(d => (Analyzer: a, Descriptor: d))).ToList();

        Assert.Equal(Ids.Where(id => id != DiagnosticIds.GeneratorFailed), reported.Select(r => r.Descriptor.Id).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(reported, r =>
        {
            Assert.Equal("https://github.com/typed-dotnet/typed/blob/main/docs/diagnostics/" + r.Descriptor.Id + ".md", r.Descriptor.HelpLinkUri);
            Assert.True(r.Descriptor.IsEnabledByDefault);
            Assert.EndsWith("Analyzer", r.Analyzer.GetType().Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_id_has_a_page_with_what_why_fix_and_example_listed_in_the_index()
    {
        var index = File.ReadAllText(Repository.Path("docs", "diagnostics", "README.md"));
        Assert.All(Ids, id =>
        {
            var page = File.ReadAllText(Repository.Path("docs", "diagnostics", id + ".md"));
            Assert.StartsWith("# " + id + ":", page, StringComparison.Ordinal);
            foreach (var section in new[] { "## What it reports", "## Why", "## How to fix", "## Example" })
            {
                Assert.Contains(section, page, StringComparison.Ordinal);
            }

            Assert.Contains("[" + id + "](" + id + ".md)", index, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_required_code_fix_exists()
    {
        CodeFixProvider[] fixes = [new AddPartialCodeFix(), new AddMemoryPackableCodeFix(), new CastToCallCodeFix(), new AwaitInsteadOfBlockingCodeFix()];
        Assert.Equal(
            [DiagnosticIds.NotPartial, DiagnosticIds.NotSerializable, DiagnosticIds.CastReturnsValue, DiagnosticIds.BlockingCall],
            fixes.SelectMany(f => f.FixableDiagnosticIds));
    }
}
