using System.Text.RegularExpressions;

namespace Typed.Tests;

/// <summary>The README's declaration examples are code that compiles: the sample's own source.</summary>
public partial class ReadmeTests
{
    [Fact]
    public void Every_declaration_example_in_the_readme_is_compiled_sample_code()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var sample = Normalize(File.ReadAllText(Path.Combine(root, "samples", "Cluster", "Behaviours.cs")));
        var blocks = CodeBlock().Matches(readme).Select(m => m.Groups[1].Value).Where(b => b.Contains("[Process]", StringComparison.Ordinal) || b.Contains("[Supervisor(", StringComparison.Ordinal) || b.Contains("[Rpc]", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            var declarations = block.Split('\n').SkipWhile(l => !l.StartsWith('['));
            Assert.True(sample.Contains(Normalize(string.Join('\n', declarations)), StringComparison.Ordinal), "README block is not in samples/Cluster/Behaviours.cs:\n" + block);
        }
    }

    [Fact]
    public void The_host_and_observe_examples_are_the_hosting_samples_code_and_settings()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var sample = Normalize(File.ReadAllText(Path.Combine(root, "samples", "Hosting", "Program.cs")));
        var blocks = CodeBlock().Matches(readme).Select(m => m.Groups[1].Value)
            .Where(b => b.Contains("AddTyped(builder.Configuration", StringComparison.Ordinal) || b.Contains("AddTypedInstrumentation()", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, block => Assert.True(sample.Contains(Normalize(block), StringComparison.Ordinal), "README block is not in samples/Hosting/Program.cs:\n" + block));

        var settings = Normalize(File.ReadAllText(Path.Combine(root, "samples", "Hosting", "appsettings.json")));
        var json = Assert.Single(JsonBlock().Matches(readme)).Groups[1].Value;
        Assert.Equal(settings, Normalize(json));
    }

    [Fact]
    public void The_distributed_supervision_membership_and_quorum_examples_are_sample_code()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var samples = Normalize(string.Join('\n',
            Directory.GetFiles(Path.Combine(root, "samples", "Patterns"), "*.cs")
                .Append(Path.Combine(root, "samples", "Cluster", "Program.cs"))
                .Select(File.ReadAllText)));
        string[] topics = ["Placement.", "Quorum.ProposeAsync", "Cluster.Subscribe", "ExpectedNodes.UnionWith", "Vote(proposal"];
        var blocks = CodeBlock().Matches(readme).Select(m => m.Groups[1].Value).Where(b => topics.Any(t => b.Contains(t, StringComparison.Ordinal))).ToList();

        Assert.True(blocks.Count >= 5, $"expected the examples, found {blocks.Count}");
        foreach (var block in blocks)
        {
            Assert.True(samples.Contains(Normalize(block), StringComparison.Ordinal), "README block is not in samples/Patterns or samples/Cluster/Program.cs:\n" + block);
        }
    }

    static string Normalize(string code) => Whitespace().Replace(code, " ").Trim();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Typed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Typed.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
