namespace Typed.Generators.Tests;

/// <summary>
/// The module initializer registers the formatter of every type a message carries, so a node that
/// reads one before it ever made one finds it without reflection (NativeAOT).
/// </summary>
public class FormatterRegistrationTests
{
    const string Source = """
        using System.Collections.Generic;
        using MemoryPack;
        using Typed;

        namespace Shop;

        [MemoryPackable] public partial record Line(string Sku, int Count);
        [MemoryPackable] public partial record Order(int Id, List<Line> Lines, Address? ShipTo);
        [MemoryPackable] public partial record Address(string Street);
        [MemoryPackable] public partial record Unused(string Nothing);
        public record Plain(int X);

        [Process]
        public partial class Till
        {
            [Call] public Order Place(Order order) => order;
            [Cast] public void Tag(Dictionary<string, int[]> tags) { }
            [Call] public System.Threading.Tasks.Task<IReadOnlyList<Pid>> Who() => null!;
        }

        [Rpc]
        public static partial class Tills
        {
            public static Line First(Order order) => order.Lines[0];
        }
        """;

    [Fact]
    public void Every_packable_type_reachable_from_a_message_and_every_collection_around_one_is_registered()
    {
        var (files, _, _) = GeneratorHarness.Run(Source);
        var messages = GeneratorHarness.Part(files, "Shop.Till")!;

        foreach (var type in (string[])["Order", "Line", "Address"])
        {
            Assert.Contains($"RunClassConstructor(typeof(global::Shop.{type}).TypeHandle);", messages, StringComparison.Ordinal);
        }

        Assert.Contains("ListFormatter<global::Shop.Line>", messages, StringComparison.Ordinal);
        Assert.Contains("DictionaryFormatter<string, int[]>", messages, StringComparison.Ordinal);
        Assert.Contains("UnmanagedArrayFormatter<int>", messages, StringComparison.Ordinal);
        Assert.Contains("InterfaceReadOnlyListFormatter<global::Typed.Pid>", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("Unused", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("Plain", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("typeof(global::Typed.Pid)", messages, StringComparison.Ordinal);

        var rpc = GeneratorHarness.Part(files, "Shop.Tills")!;
        Assert.Contains("RunClassConstructor(typeof(global::Shop.Line).TypeHandle);", rpc, StringComparison.Ordinal);
        Assert.Contains("RunClassConstructor(typeof(global::Shop.Address).TypeHandle);", rpc, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registrations_compile()
    {
        var (_, output, _) = GeneratorHarness.Run(Source);

        Assert.Empty(GeneratorHarness.Problems(output));
    }
}
