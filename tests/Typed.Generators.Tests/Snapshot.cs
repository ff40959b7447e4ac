using System.Runtime.CompilerServices;

namespace Typed.Generators.Tests;

/// <summary>
/// Golden files of generated code: Snapshots/&lt;Scenario&gt;/&lt;HintName&gt;.verified.cs, compared as text.
/// TYPED_ACCEPT=1 rewrites them. A missing or different snapshot fails with the text to look at
/// (written beside it as .received.cs); under CI=true a missing one is never created.
/// </summary>
internal static class Snapshot
{
    public static void Match(string scenario, IReadOnlyDictionary<string, string> files, [CallerFilePath] string caller = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots", scenario);
        var accept = Environment.GetEnvironmentVariable("TYPED_ACCEPT") == "1";
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var failures = new List<string>();
        Directory.CreateDirectory(folder);

        foreach (var (hint, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var verified = Path.Combine(folder, Path.ChangeExtension(hint, null) + ".verified.cs");
            var received = Path.ChangeExtension(verified, null).Replace(".verified", ".received", StringComparison.Ordinal) + ".cs";
            if (accept)
            {
                File.WriteAllText(verified, text);
                File.Delete(received);
                continue;
            }

            if (!File.Exists(verified))
            {
                if (!ci)
                {
                    File.WriteAllText(received, text);
                }

                failures.Add($"{scenario}/{hint}: no snapshot (run with TYPED_ACCEPT=1 to create it)");
                continue;
            }

            var expected = File.ReadAllText(verified).ReplaceLineEndings("\n");
            if (expected != text)
            {
                if (!ci)
                {
                    File.WriteAllText(received, text);
                }

                failures.Add($"{scenario}/{hint} differs from its snapshot:\n{Diff(expected, text)}");
            }
            else
            {
                File.Delete(received);
            }
        }

        var stale = Directory.GetFiles(folder, "*.verified.cs")
            .Select(Path.GetFileName)
            .Where(f => !files.Keys.Any(h => Path.ChangeExtension(h, null) + ".verified.cs" == f))
            .ToList();
        if (stale.Count > 0 && !accept)
        {
            failures.Add($"{scenario}: snapshots no longer generated: {string.Join(", ", stale)}");
        }
        else if (accept)
        {
            stale.ForEach(f => File.Delete(Path.Combine(folder, f!)));
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The first lines that differ, with line numbers.</summary>
    static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lines = new List<string>();
        for (var i = 0; i < Math.Max(a.Length, b.Length) && lines.Count < 20; i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                lines.Add($"line {i + 1}:\n  - {left}\n  + {right}");
            }
        }

        return string.Join("\n", lines);
    }
}
