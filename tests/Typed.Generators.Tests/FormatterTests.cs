using MemoryPack;
using Typed;

namespace Typed.Generators.Tests;

// A behaviour compiled with the Typed generator, and [MemoryPackable] twins of its messages compiled
// with MemoryPack's own generator: the bytes must be the same.
[MemoryPackable] public partial record Item(string Name, int Count);

[Process]
public partial class Twins
{
    [Call] public int Mixed(int a, string b, long c, List<Item> d, string? e, int? f, Guid g, Item h) => a;
    [Cast] public void Empty() { }
}

[MemoryPackable] public partial record MixedTwin(int A, string B, long C, List<Item> D, string? E, int? F, Guid G, Item H);

[MemoryPackable] public partial record EmptyTwin;

public class FormatterTests
{
    [Fact]
    public void Generated_formatters_write_what_MemoryPack_writes_for_the_same_record()
    {
        var items = new List<Item> { new("x", 1), new("y", 2) };
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        var ours = MemoryPackSerializer.Serialize(new Twins.Messages.Mixed(1, "two", 3L, items, null, 6, guid, new Item("h", 8)));
        var theirs = MemoryPackSerializer.Serialize(new MixedTwin(1, "two", 3L, items, null, 6, guid, new Item("h", 8)));

        Assert.Equal(theirs, ours);
        Assert.Equal(MemoryPackSerializer.Serialize(new EmptyTwin()), MemoryPackSerializer.Serialize(Twins.Messages.Empty.Instance));
    }

    [Fact]
    public void Generated_formatters_read_back_what_they_wrote()
    {
        var message = new Twins.Messages.Mixed(1, "two", 3L, [new("x", 1)], "e", null, Guid.NewGuid(), new Item("h", 8));
        var back = MemoryPackSerializer.Deserialize<Twins.Messages.Mixed>(MemoryPackSerializer.Serialize(message))!;

        // Messages are plain classes (no record equality): compare what was sent, member by member.
        Assert.Equal((message.A, message.B, message.C, message.E, message.F, message.G, message.H), (back.A, back.B, back.C, back.E, back.F, back.G, back.H));
        Assert.Equal(message.D, back.D);
        Assert.Same(Twins.Messages.Empty.Instance, MemoryPackSerializer.Deserialize<Twins.Messages.Empty>(MemoryPackSerializer.Serialize(Twins.Messages.Empty.Instance)));
    }

    [Fact]
    public void A_message_with_the_wrong_member_count_is_refused()
    {
        var bytes = MemoryPackSerializer.Serialize(new EmptyTwin());

        Assert.Throws<MemoryPackSerializationException>(() => MemoryPackSerializer.Deserialize<Twins.Messages.Mixed>(bytes));
    }

    [Fact]
    public void The_descriptor_is_registered_and_describes_every_message()
    {
        var descriptor = Typed.CompilerServices.BehaviourRegistry.All.Single(d => d.Name == typeof(Twins).FullName);

        Assert.Equal(2, descriptor.Messages.Count);
        Assert.True(descriptor.TryGetMessage(Twins.Messages.Mixed.MessageId, out var mixed));
        Assert.Equal(Typed.CompilerServices.MessageKind.Call, mixed.Kind);
        Assert.Equal(typeof(int), mixed.Reply!.Type);
    }
}
