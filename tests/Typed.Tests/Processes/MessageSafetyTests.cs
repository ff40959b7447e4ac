using MemoryPack;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class MessageSafetyTests
{
    [Fact]
    public async Task Pids_and_refs_are_handler_results_and_still_work()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("s"));

        Assert.Equal(store.Pid, await store.Whoami());
        var me = await store.Me();
        Assert.Equal(store, me);
        Assert.Equal("s", await me.Label());
    }

    [Fact]
    public async Task A_pid_and_a_ref_in_a_message_name_the_same_process_on_the_node_that_reads_them()
    {
        var (a, _, _) = await TestNodes.StartAsync();
        var (b, _, _) = await TestNodes.StartAsync();
        await using var _a = a;
        await using var _b = b;
        var store = a.Spawn(new Store.StartArgs("on-a"));
        var parcel = new Parcel(store.Pid, store, "hello");

        var bytes = MemoryPackSerializer.Serialize(parcel);
        Parcel? onB;
        using (b.BeginReading())
        {
            onB = MemoryPackSerializer.Deserialize<Parcel>(bytes);
        }

        Assert.NotNull(onB);
        Assert.Equal(store.Pid, onB.From);
        Assert.Equal(a.Name, onB.Store.Pid.Node);
        Assert.Equal(store.Pid, onB.Store.Pid);
        Assert.Equal(store, onB.Store);

        // Read back on the node the process lives on, the ref is local again and usable.
        Parcel? onA;
        using (a.BeginReading())
        {
            onA = MemoryPackSerializer.Deserialize<Parcel>(bytes);
        }

        Assert.Equal("on-a", await onA!.Store.Label());
    }

    [Fact]
    public async Task A_ref_by_name_travels_as_its_name()
    {
        var (a, _, _) = await TestNodes.StartAsync();
        await using var _a = a;
        var byName = a.At<Store>("svc", "other@127.0.0.1");

        var bytes = MemoryPackSerializer.Serialize(new Parcel(default, byName, "x"));
        using (a.BeginReading())
        {
            var back = MemoryPackSerializer.Deserialize<Parcel>(bytes)!;
            Assert.Equal("svc", back.Store.Name);
            Assert.Equal(byName, back.Store);
        }
    }

    [Fact]
    public void Exit_reasons_travel_by_value()
    {
        var reason = ExitReason.FromException(new InvalidOperationException("x"));
        var back = MemoryPackSerializer.Deserialize<ExitReason>(MemoryPackSerializer.Serialize(reason));

        Assert.Equal(reason, back);
        Assert.Null(back!.Exception);
        Assert.Equal("System.InvalidOperationException: x", back.ToString());
    }

    [Fact]
    public void Message_codecs_write_the_bytes_memorypack_writes()
    {
        AssertSameBytes(42);
        AssertSameBytes("text");
        AssertSameBytes(new[] { 1, 2, 3 });
        AssertSameBytes(new List<string?> { "a", null });
        AssertSameBytes(new Note("n"));
        AssertSameBytes<Note?>(null);
        AssertSameBytes(ExitReason.ShutdownWith("x"));
    }

    static void AssertSameBytes<T>(T value)
    {
        var codec = Typed.CompilerServices.MessageCodec<T>.Instance;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        codec.Serialize(buffer, value);

        Assert.Equal(MemoryPackSerializer.Serialize(value), buffer.WrittenSpan.ToArray());
        var back = codec.Deserialize(new System.Buffers.ReadOnlySequence<byte>(buffer.WrittenMemory));
        Assert.Equal(MemoryPackSerializer.Serialize(value), MemoryPackSerializer.Serialize((T?)back));
    }
}
