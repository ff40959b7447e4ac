using System.Buffers;
using Typed.CompilerServices;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// What a peer's bytes announce is checked before MemoryPack reads them: in generated message records,
/// in positional <c>[MemoryPackable]</c> records (read by Typed's generated formatters), in the
/// runtime's pids, monitor refs and exit reasons, and in strings inside collections.
/// </summary>
public class PayloadTests
{
    static object? Decode<T>(byte[] bytes) => MessageCodec<T>.Instance.Deserialize(new ReadOnlySequence<byte>(bytes));

    // Worker.Boom(string message): read as a peer's request is, by the codec of its message spec.
    static object? DecodeBoom(byte[] bytes) =>
        WorkerDescriptor.Messages.Single(m => m.Handler == "Boom").Message.Deserialize(new ReadOnlySequence<byte>(bytes));

    static BehaviourDescriptor WorkerDescriptor => Descriptor<Worker>();

    static BehaviourDescriptor Descriptor<T>()
        where T : class, IProcessBehaviour<T> => T.Descriptor;

    [Theory]
    [InlineData(0x80000000u)]   // these four read out of bounds in MemoryPack 1.21.4's UTF-8 string reader
    [InlineData(0x80000001u)]
    [InlineData(0x80000002u)]
    [InlineData(0x80000003u)]
    [InlineData(0xFFFFFF00u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x00001000u)]
    public void A_string_header_announcing_more_than_the_message_holds_is_refused(uint header)
    {
        // Boom(string message): object header (1 member), then the string.
        byte[] bytes = [1, .. BitConverter.GetBytes(header), 0, 0, 0, 0, (byte)'a'];

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => DecodeBoom(bytes));
    }

    [Fact]
    public void Null_in_a_non_nullable_string_parameter_is_refused_at_decode()
    {
        byte[] bytes = [1, 0xFF, 0xFF, 0xFF, 0xFF];   // one member, a null string

        var ex = Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => DecodeBoom(bytes));
        Assert.Contains("not nullable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_in_a_non_nullable_RPC_argument_is_refused_at_decode_and_a_nullable_one_is_not()
    {
        // Every function or handler of one string parameter shares the carrier Args<string>: the refusal is the function's codec's, not the type's.
        var fail = Typed.Rpc.RpcRegistry.All.Single(f => f.Name == typeof(Typed.Tests.Rpc.Maths).FullName + ".Fail(string)");
        byte[] nullString = [1, 0xFF, 0xFF, 0xFF, 0xFF];

        var ex = Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => fail.Args.Deserialize(new ReadOnlySequence<byte>(nullString)));
        Assert.Contains("not nullable", ex.Message, StringComparison.Ordinal);
        Assert.Null(((Args<string>)MessageCodec<Args<string>>.Instance.Deserialize(new ReadOnlySequence<byte>(nullString))!).Arg1);
        Assert.Equal("why", ((Args<string>)fail.Args.Deserialize(new ReadOnlySequence<byte>(MemoryPack.MemoryPackSerializer.Serialize(new Args<string>("why"))))!).Arg1);
    }

    [Fact]
    public void A_well_formed_message_still_reads()
    {
        var bytes = MemoryPack.MemoryPackSerializer.Serialize(new Args<string>("hello"));

        Assert.Equal("hello", ((Args<string>)DecodeBoom(bytes)!).Arg1);
    }

    static readonly byte[] OutOfBounds = BitConverter.GetBytes(0x80000000u);

    [Fact]
    public void A_bad_string_header_in_a_user_record_is_refused()
    {
        // Note(string Text): one member, then the string.
        byte[] bytes = [1, .. OutOfBounds, 0, 0, 0, 0, (byte)'a'];

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Note>(bytes));
    }

    [Fact]
    public void A_bad_string_header_in_a_pid_a_monitor_ref_or_an_exit_reason_is_refused()
    {
        byte[] pid = [3, .. OutOfBounds, 0, 0, 0, 0, .. new byte[12]];
        byte[] monitor = [2, .. OutOfBounds, 0, 0, 0, 0, .. new byte[8]];
        byte[] reason = [5, 7, 0, 0, 0, .. OutOfBounds, 0, 0, 0, 0];

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Pid>(pid));
        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<MonitorRef>(monitor));
        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<ExitReason>(reason));
    }

    [Fact]
    public void A_bad_string_header_inside_a_collection_is_refused()
    {
        byte[] bytes = [1, 0, 0, 0, .. OutOfBounds, 0, 0, 0, 0];   // a list of one string

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<List<string>>(bytes));
    }

    [Fact]
    public void An_exit_reason_of_an_unknown_kind_is_refused()
    {
        byte[] bytes = [5, 99, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<ExitReason>(bytes));
    }

    [Fact]
    public void A_value_nested_deeper_than_the_stack_allows_is_refused_not_a_stack_overflow()
    {
        // Chain(Label, Next) nested 1,000,000 deep: each level an object header and an empty label.
        const int depth = 1_000_000;
        var bytes = new byte[(depth * 5) + 1];
        for (var i = 0; i < depth; i++)
        {
            bytes[i * 5] = 2;   // two members; the label's header stays 0 (empty string)
        }

        bytes[^1] = 0xFF;   // the last Next is null

        var ex = Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Chain>(bytes));
        Assert.Contains("nested deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_pids_and_reasons_still_round_trip_with_the_bytes_MemoryPack_writes()
    {
        var chain = new Chain("a", new Chain("b", null));
        var down = new Down(new MonitorRef("a@h", 9), new Pid("b@h", 4, 0x9000_0001), ExitReason.Custom("why"));

        Assert.Equal(chain, Decode<Chain>(MemoryPack.MemoryPackSerializer.Serialize(chain)));
        Assert.Equal(down, Decode<Down>(MemoryPack.MemoryPackSerializer.Serialize(down)));
        Assert.Equal(["x", "y"], (List<string>)Decode<List<string>>(MemoryPack.MemoryPackSerializer.Serialize(new List<string> { "x", "y" }))!);

        // MemoryPack's layout, byte for byte: one member, then "hi" as UTF-8 (~byte count, char count, bytes).
        Assert.Equal([1, 0xFD, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0, (byte)'h', (byte)'i'], MemoryPack.MemoryPackSerializer.Serialize(new Note("hi")));
    }

    [Fact]
    public void A_null_item_in_a_collection_of_non_nullable_items_is_refused()
    {
        // Crowd(string Name, List<Note> Notes): the list holds one null (MemoryPack's null object header).
        byte[] bytes = [2, 0, 0, 0, 0, 1, 0, 0, 0, 0xFF];

        var ex = Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Crowd>(bytes));
        Assert.Contains("null item", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new Crowd("", [new Note("a")]).Notes.Count, ((Crowd)Decode<Crowd>(MemoryPack.MemoryPackSerializer.Serialize(new Crowd("", [new Note("a")])))!).Notes.Count);
    }

    [Fact]
    public void A_pid_with_an_empty_node_is_refused()
    {
        byte[] bytes = [3, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];   // node "", id 7, creation 1

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Pid>(bytes));
    }
}
