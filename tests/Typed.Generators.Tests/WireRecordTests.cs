namespace Typed.Generators.Tests;

/// <summary>
/// Positional <c>[MemoryPackable]</c> records get a checked formatter of Typed's, registered over
/// MemoryPack's own; records MemoryPack lays out any other way are left to MemoryPack.
/// </summary>
public class WireRecordTests
{
    const string Source = """
        using System.Collections.Generic;
        using MemoryPack;

        namespace Shop;

        [MemoryPackable] public partial record Line(string Sku, int Count, string? Note);
        [MemoryPackable] internal sealed partial record Tree(string Label, List<Tree> Children, Tree? Next);
        [MemoryPackable] public partial record WithBody(string Name) { public int Extra { get; init; } }
        [MemoryPackable] public partial record Ignoring(string Name) { [MemoryPackIgnore] public int Computed => 1; }
        [MemoryPackable] public partial class NotARecord { public string? Name { get; set; } }
        [MemoryPackable] public partial record Generic<T>(T Value);
        [MemoryPackable(GenerateType.VersionTolerant)] public partial record Tolerant([property: MemoryPackOrder(0)] string Name);
        [MemoryPackable] public partial record NoMembers();
        public static class Outer { [MemoryPackable] private partial record Hidden(string Name); }
        """;

    [Fact]
    public void Positional_records_get_a_checked_formatter_registered_over_MemoryPacks()
    {
        var (files, output, _) = GeneratorHarness.Run(Source);

        var line = GeneratorHarness.Part(files, "Shop.Line")!;
        Assert.Contains("MessageFormatter<global::Shop.Line>(3)", line, StringComparison.Ordinal);
        Assert.Contains("RequiredString(ref reader, \"Sku\")", line, StringComparison.Ordinal);
        Assert.Contains("ReadString(ref reader);", line, StringComparison.Ordinal);
        Assert.Contains("Formatters.Replace(new __TypedFormatter());", line, StringComparison.Ordinal);
        Assert.Contains("partial record Line", line, StringComparison.Ordinal);   // nested in the record: a short metadata name
        Assert.NotNull(GeneratorHarness.Part(files, "Shop.Tree"));
        Assert.DoesNotContain(GeneratorHarness.Problems(output), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Records_laid_out_any_other_way_are_left_to_MemoryPack()
    {
        var (files, _, _) = GeneratorHarness.Run(Source);

        foreach (var type in (string[])["WithBody", "Ignoring", "NotARecord", "Generic", "Tolerant", "NoMembers", "Hidden"])
        {
            Assert.Null(GeneratorHarness.Part(files, "Shop." + type));
            Assert.Null(GeneratorHarness.Part(files, "Shop.Outer." + type));
        }
    }
}
