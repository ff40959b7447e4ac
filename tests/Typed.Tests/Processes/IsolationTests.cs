using Typed.CompilerServices;
using Typed.Messaging;
using Typed.Testing;
using Typed.Tests.Behaviours;
using Typed.Tests.Distribution;

namespace Typed.Tests.Processes;

/// <summary>
/// A process's state is never shared through a message or a reply on its own node: what is not deeply
/// immutable is delivered as a copy (Isolation, in the README's Semantics).
/// </summary>
public class IsolationTests
{
    [Fact]
    public async Task A_caller_mutating_a_list_returned_by_a_call_does_not_change_the_process_state()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var shelf = cluster.Nodes[0].Spawn<Shelf>();

        var items = await shelf.Items();
        items.Add(99);
        items[0] = -1;

        Assert.Equal([1, 2, 3], await shelf.Items());
        Assert.NotSame(await shelf.Items(), await shelf.Items());
    }

    [Fact]
    public async Task A_sender_mutating_a_list_after_casting_it_does_not_change_what_the_process_got()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var shelf = cluster.Nodes[0].Spawn<Shelf>();
        var items = new List<int> { 1, 2 };

        shelf.Keep(items);
        items.Add(3);
        items.Clear();

        Assert.Equal(2, await shelf.Kept());
    }

    [Fact]
    public async Task A_record_holding_a_list_is_copied_in_a_call_and_a_plain_send()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var shelf = node.Spawn<Shelf>();
        var crowd = new Crowd("c", [new Note("a")]);

        await shelf.Hold(crowd);
        crowd.Notes.Add(new Note("b"));
        Assert.Equal(1, await shelf.Held());

        // A plain send of an [Info] type is copied too.
        var sent = new Crowd("d", [new Note("a"), new Note("b")]);
        node.Send(shelf.Pid, sent);
        sent.Notes.Clear();
        Assert.Equal(2, await shelf.Held());
    }

    [Fact]
    public async Task A_spawner_mutating_the_start_arguments_after_the_spawn_does_not_change_the_process_state()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var seed = new List<int> { 1, 2, 3 };

        var seeded = await cluster.Nodes[0].SpawnAsync(new Seeded.StartArgs(seed));
        seed.Clear();

        Assert.Equal(3, await seeded.Count());
    }

    [Fact]
    public void Deeply_immutable_types_pass_as_they_are_and_the_rest_is_copied()
    {
        Assert.False(LocalCopy<int>.Needed);
        Assert.False(LocalCopy<DateTime>.Needed);
        Assert.False(LocalCopy<ExitReasonKind>.Needed);
        Assert.False(LocalCopy<string>.Needed);
        Assert.False(LocalCopy<Pid>.Needed);
        Assert.False(LocalCopy<ExitReason>.Needed);
        Assert.False(LocalCopy<ProcessRef<Shelf>>.Needed);
        Assert.False(LocalCopy<NoArgs>.Needed);
        Assert.False(LocalCopy<Args<string>>.Needed);   // a carrier of immutable arguments only (Worker.Boom's string)

        Assert.True(LocalCopy<List<int>>.Needed);
        Assert.True(LocalCopy<int[]>.Needed);
        Assert.True(LocalCopy<Note>.Needed);
        Assert.True(LocalCopy<Args<List<int>>>.Needed);   // Shelf.Keep's list

        // A type its author vouches for (generated code, for records of immutable members).
        Assert.True(LocalCopy<Seq>.Needed);
        Formatters.RegisterImmutable<Seq>();
        Assert.False(LocalCopy<Seq>.Needed);
        var seq = new Seq(1, 2);
        Assert.Same(seq, LocalCopy<Seq>.Of(seq, null!));
    }

    [Fact]
    public async Task A_user_record_of_immutable_members_is_delivered_as_the_same_instance()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var keeper = node.Spawn<Keeper>();
        var stamp = new Stamp(1, "a", keeper.Pid);

        node.Send(keeper.Pid, stamp);

        Assert.Same(stamp, await keeper.LastStamp());   // the [Info] message and the reply, both uncopied
    }

    [Fact]
    public async Task A_sealed_immutable_record_passes_uncopied_as_a_call_argument_and_an_unsealed_one_is_copied_there()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var keeper = node.Spawn<Keeper>();
        var seal = new Seal(1, "a");
        var wax = new Wax(1, "a");

        Assert.Same(seal, await keeper.Echo(seal));   // the argument's carrier and the reply, both uncopied

        // The carrier's field could hold a derived instance with mutable state: the carrier is copied.
        var echoed = await keeper.EchoWax(wax);
        Assert.NotSame(wax, echoed);
        Assert.Equal(wax, echoed);
    }

    [Fact]
    public async Task A_user_record_with_a_settable_property_is_copied()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var keeper = node.Spawn<Keeper>();
        var scribble = new Scribble(1, "a");

        node.Send(keeper.Pid, scribble);
        scribble.Text = "b";

        var kept = await keeper.LastScribble();
        Assert.NotSame(scribble, kept);
        Assert.Equal("a", kept!.Text);
    }

    [Fact]
    public async Task A_derived_instance_that_adds_mutable_state_is_copied_where_its_immutable_base_is_not()
    {
        await using var cluster = await Clusters.StartAsync(1);
        var node = cluster.Nodes[0];
        var stamp = new Stamp(1, "a", null);
        Stamp marked = new MarkedStamp(2, "b", null, [1]);

        Assert.Same(stamp, LocalCopy<Stamp>.Of(stamp, node));
        var copy = LocalCopy<Stamp>.Of(marked, node);
        Assert.NotSame(marked, copy);
        Assert.Equal(typeof(Stamp), copy.GetType());   // read back as the type it goes as
        Assert.Equal((2, "b"), (copy.N, copy.Text));

        // A reply typed as the base: the keeper holds the derived instance, the caller gets a copy.
        var keeper = node.Spawn<Keeper>();
        node.Send(keeper.Pid, marked);
        var kept = await keeper.LastStamp();
        Assert.NotSame(marked, kept);
        Assert.Equal(typeof(Stamp), kept!.GetType());
    }

    sealed record LocalOnly(List<int> Items);

    [Fact]
    public void A_type_without_a_formatter_passes_as_it_is_even_after_something_asked_MemoryPack_for_one()
    {
        // Asking MemoryPack for a formatter it does not have makes it count the type as registered, with
        // a formatter that only throws (this broke every supervisor call once some test had asked).
        Assert.ThrowsAny<MemoryPack.MemoryPackSerializationException>(() => MemoryPack.MemoryPackSerializer.Serialize(new LocalOnly([1])));
        Assert.True(MemoryPack.MemoryPackFormatterProvider.IsRegistered<LocalOnly>());

        Assert.False(LocalCopy<LocalOnly>.Needed);
        var value = new LocalOnly([1]);
        Assert.Same(value, LocalCopy<LocalOnly>.Of(value, null!));
    }

    [Fact]
    public async Task A_copied_message_keeps_its_refs_usable_and_a_remote_call_is_unchanged()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var store = a.Spawn(new Store.StartArgs("s"));
        var parcel = new Parcel(store.Pid, store, "x");

        var copy = LocalCopy<Shipment>.Of(new Shipment(parcel, []), a).Parcel;
        Assert.NotSame(parcel, copy);
        Assert.Equal(parcel, copy);
        Assert.Equal("s", await copy.Store.Label());

        b.Spawn<Shelf>(new SpawnOptions { Name = "shelf" });
        var remote = a.At<Shelf>("shelf", b.Name);
        var items = await remote.Items();
        items.Add(4);
        Assert.Equal([1, 2, 3], await remote.Items());
    }
}
