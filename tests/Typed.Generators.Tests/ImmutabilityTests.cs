namespace Typed.Generators.Tests;

/// <summary>
/// The module initializer marks a user type a message carries deeply immutable when its fields prove it,
/// so local delivery passes its values uncopied; anything it cannot prove stays copied.
/// </summary>
public class ImmutabilityTests
{
    const string Source = """
        using System;
        using System.Collections.Generic;
        using MemoryPack;
        using Typed;

        namespace Shop;

        public enum Colour { Red, Blue }

        [MemoryPackable] public partial record Tick(int N, string Text);
        [MemoryPackable] public partial record Stamp(Guid Id, DateTime At, Colour Colour, int? Count, Pid From, ProcessRef<Till> Till);
        [MemoryPackable] public partial record Failed(ExitReason Reason);
        [MemoryPackable] public partial record Handle(nint Address);
        public readonly struct Slot { public readonly nuint Address; }
        [MemoryPackable] public partial record HoldsSlot(Slot Slot);
        [MemoryPackable] public sealed partial record Inner(string Label);
        [MemoryPackable] public partial record Outer(Inner Inner, Inner? Maybe);
        [MemoryPackable] public partial record Open(string Label);
        [MemoryPackable] public partial record HoldsOpen(Open Open);
        [MemoryPackable] public partial record WithList(List<int> Items);
        [MemoryPackable] public partial record WithArray(int[] Items);
        [MemoryPackable] public partial record WithSetter(int N) { public string Text { get; set; } = ""; }
        [MemoryPackable] public partial class WithField { public int N; }
        [MemoryPackable] public partial class WithSetAccessor { readonly int _n; public int N { get => _n; set { } } }
        [MemoryPackable] public partial class ReadonlyField { public readonly int N; public string Text { get; } = ""; }
        [MemoryPackable] public partial record WithObject(object Value);
        [MemoryPackable] public sealed partial record Chain(string Label, Chain? Next);
        [MemoryPackable] public sealed partial record Ring(Link Next, List<int> Items);
        [MemoryPackable] public sealed partial record Link(Ring? Back);

        [Process]
        public partial class Till
        {
            [Info] public void On(Tick tick) { }
            [Info] public void On(Stamp stamp) { }
            [Cast] public void Unsafe(Failed failed, Handle handle, HoldsSlot slot) { }
            [Call] public Outer Nest(HoldsOpen open) => null!;
            [Cast] public void Lists(WithList list, WithArray array) { }
            [Cast] public void Settable(WithSetter setter, WithField field, ReadonlyField readonlyField, WithObject value) { }
            [Cast] public void Cycles(Chain chain, Link link) { }
            [Cast] public void Keyword(WithSetAccessor value) { }
        }
        """;

    static string Messages()
    {
        var (files, _, _) = GeneratorHarness.Run(Source);
        return GeneratorHarness.Part(files, "Shop.Till")!;
    }

    static string Mark(string type) => $"Formatters.RegisterImmutableExact<global::Shop.{type}>();";

    [Theory]
    [InlineData("Tick")]
    [InlineData("Stamp")]
    [InlineData("Inner")]
    [InlineData("Outer")]
    [InlineData("Open")]
    [InlineData("ReadonlyField")]
    [InlineData("Chain")]
    public void A_type_of_readonly_immutable_fields_is_marked(string type) =>
        Assert.Contains(Mark(type), Messages(), StringComparison.Ordinal);

    [Theory]
    [InlineData("WithList")]
    [InlineData("WithArray")]
    [InlineData("WithSetter")]
    [InlineData("WithField")]
    [InlineData("WithSetAccessor")]   // a setter is refused even when no field it could set shows
    [InlineData("WithObject")]
    [InlineData("HoldsOpen")]   // a field of a class that is not sealed could hold a derived, mutable instance
    [InlineData("Ring")]
    [InlineData("Link")]        // immutable only if its cycle is, and Ring holds a list
    [InlineData("Failed")]      // an exit reason holds the live exception, which a copy leaves behind
    [InlineData("Handle")]      // an address shares whatever it points to
    [InlineData("HoldsSlot")]   // ...inside a struct too
    public void A_type_with_a_mutable_or_unprovable_field_is_not(string type)
    {
        var messages = Messages();

        Assert.Contains($"RunClassConstructor(typeof(global::Shop.{type}).TypeHandle);", messages, StringComparison.Ordinal);
        Assert.DoesNotContain(Mark(type), messages, StringComparison.Ordinal);
    }

    [Fact]
    public void A_primary_constructor_parameter_a_member_captures_is_a_hidden_mutable_field()
    {
        var (files, _, _) = GeneratorHarness.Run("""
            using MemoryPack;
            using Typed;

            namespace Shop;

            [MemoryPackable] public partial record Captures(int N) { public int Twice() => N * 2; }
            [MemoryPackable] public partial class Counter(int start) { public int Next() => start++; public int Start { get; } = start; }

            [Process]
            public partial class Till
            {
                [Info] public void On(Captures value) { }
                [Info] public void On(Counter value) { }
            }
            """);
        var messages = GeneratorHarness.Part(files, "Shop.Till")!;

        Assert.DoesNotContain(Mark("Counter"), messages, StringComparison.Ordinal);
        Assert.Contains(Mark("Captures"), messages, StringComparison.Ordinal);   // N in a body is the record's property
    }

    [Fact]
    public void The_marks_compile()
    {
        var (_, output, _) = GeneratorHarness.Run(Source);

        Assert.Empty(GeneratorHarness.Problems(output));
    }
}
