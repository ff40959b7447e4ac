using MemoryPack;
using Typed;
using Typed.CompilerServices;
using Mixed = Typed.CompilerServices.Args<int, string, long, System.Collections.Generic.List<Typed.Generators.Tests.Item>, string, int?, System.Guid, Typed.Generators.Tests.Item>;

namespace Typed.Generators.Tests;

// A behaviour compiled with the Typed generator, and [MemoryPackable] twins of its messages compiled
// with MemoryPack's own generator: the bytes must be the same.
[MemoryPackable] public partial record Item(string Name, int Count);

[Process]
public partial class Twins
{
    [Call] public int Mixed(int a, string b, long c, List<Item> d, string? e, int? f, Guid g, Item h) => a;
    [Cast] public void Empty() { }
    [Cast] public void Wide(int a, string b, int c, int d, int e, int f, int g, int h, string? i) { }
}

[MemoryPackable] public partial record MixedTwin(int A, string B, long C, List<Item> D, string? E, int? F, Guid G, Item H);

[MemoryPackable] public partial record EmptyTwin;

[MemoryPackable] public partial record WideTwin(int A, string B, int C, int D, int E, int F, int G, int H, string? I);

public class FormatterTests
{
    [Fact]
    public void Generated_formatters_write_what_MemoryPack_writes_for_the_same_record()
    {
        var items = new List<Item> { new("x", 1), new("y", 2) };
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var ours = MemoryPackSerializer.Serialize(new Mixed(1, "two", 3L, items, null!, 6, guid, new Item("h", 8)));
        var theirs = MemoryPackSerializer.Serialize(new MixedTwin(1, "two", 3L, items, null, 6, guid, new Item("h", 8)));

        Assert.Equal(theirs, ours);
        Assert.Equal(MemoryPackSerializer.Serialize(new EmptyTwin()), MemoryPackSerializer.Serialize(NoArgs.Instance));
    }

    [Fact]
    public void Generated_formatters_read_back_what_they_wrote()
    {
        var message = new Mixed(1, "two", 3L, [new("x", 1)], "e", null, Guid.NewGuid(), new Item("h", 8));
        var back = MemoryPackSerializer.Deserialize<Mixed>(MemoryPackSerializer.Serialize(message))!;

        // Messages are plain classes (no record equality): compare what was sent, member by member.
        Assert.Equal((message.Arg1, message.Arg2, message.Arg3, message.Arg5, message.Arg6, message.Arg7, message.Arg8), (back.Arg1, back.Arg2, back.Arg3, back.Arg5, back.Arg6, back.Arg7, back.Arg8));
        Assert.Equal(message.Arg4, back.Arg4);
        Assert.Same(NoArgs.Instance, MemoryPackSerializer.Deserialize<NoArgs>(MemoryPackSerializer.Serialize(NoArgs.Instance)));
    }

    [Fact]
    public void A_message_with_the_wrong_member_count_is_refused()
    {
        var bytes = MemoryPackSerializer.Serialize(new EmptyTwin());

        Assert.Throws<MemoryPackSerializationException>(() => MemoryPackSerializer.Deserialize<Mixed>(bytes));
    }

    [Fact]
    public void The_descriptor_is_registered_and_describes_every_message()
    {
        var descriptor = Typed.CompilerServices.BehaviourRegistry.All.Single(d => d.Name == typeof(Twins).FullName);

        Assert.Equal(3, descriptor.Messages.Count);
        var mixed = descriptor.Messages.Single(m => m.Handler == "Mixed");
        Assert.True(descriptor.TryGetMessage(mixed.Id, out var found));
        Assert.Same(mixed, found);
        Assert.Equal(Typed.CompilerServices.MessageKind.Call, mixed.Kind);
        Assert.Equal(typeof(Mixed), mixed.Message.Type);
        Assert.Equal(typeof(int), mixed.Reply!.Type);
    }

    [Fact]
    public void A_handler_of_more_than_eight_parameters_keeps_a_message_class_with_MemoryPacks_bytes()
    {
        var ours = MemoryPackSerializer.Serialize(new Twins.Messages.Wide(1, "b", 3, 4, 5, 6, 7, 8, null));

        Assert.Equal(MemoryPackSerializer.Serialize(new WideTwin(1, "b", 3, 4, 5, 6, 7, 8, null)), ours);
        Assert.Equal(typeof(Twins.Messages.Wide), Typed.CompilerServices.BehaviourRegistry.All.Single(d => d.Name == typeof(Twins).FullName).Messages.Single(m => m.Handler == "Wide").Message.Type);
    }

    [Fact]
    public void Null_where_the_handler_refuses_it_is_refused_by_the_handlers_codec_only()
    {
        // Mixed's b (string) and h (Item) refuse null, e (string?) takes it; the shared carrier's own codec checks nothing.
        var descriptor = Typed.CompilerServices.BehaviourRegistry.All.Single(d => d.Name == typeof(Twins).FullName);
        var codec = descriptor.Messages.Single(m => m.Handler == "Mixed").Message;
        var withNullB = MemoryPackSerializer.Serialize(new Mixed(1, null!, 3L, [], null!, null, Guid.Empty, new Item("h", 8)));
        var withNullItem = MemoryPackSerializer.Serialize(new Mixed(1, "b", 3L, [null!], null!, null, Guid.Empty, new Item("h", 8)));
        var fine = MemoryPackSerializer.Serialize(new Mixed(1, "b", 3L, [], null!, null, Guid.Empty, new Item("h", 8)));

        Assert.Contains("not nullable", Assert.Throws<MemoryPackSerializationException>(() => codec.Deserialize(new System.Buffers.ReadOnlySequence<byte>(withNullB))).Message, StringComparison.Ordinal);
        Assert.Contains("null item", Assert.Throws<MemoryPackSerializationException>(() => codec.Deserialize(new System.Buffers.ReadOnlySequence<byte>(withNullItem))).Message, StringComparison.Ordinal);
        Assert.Equal("b", ((Mixed)codec.Deserialize(new System.Buffers.ReadOnlySequence<byte>(fine))!).Arg2);
        Assert.Null(MemoryPackSerializer.Deserialize<Mixed>(withNullB)!.Arg2);
    }
}
