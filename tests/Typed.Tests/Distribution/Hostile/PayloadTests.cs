using System.Buffers;
using Typed.CompilerServices;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>Generated message formatters check what a peer's bytes announce before MemoryPack reads them.</summary>
public class PayloadTests
{
    static object? Decode<T>(byte[] bytes) => MessageCodec<T>.Instance.Deserialize(new ReadOnlySequence<byte>(bytes));

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

        Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Worker.Messages.Boom>(bytes));
    }

    [Fact]
    public void Null_in_a_non_nullable_string_parameter_is_refused_at_decode()
    {
        byte[] bytes = [1, 0xFF, 0xFF, 0xFF, 0xFF];   // one member, a null string

        var ex = Assert.Throws<MemoryPack.MemoryPackSerializationException>(() => Decode<Worker.Messages.Boom>(bytes));
        Assert.Contains("not nullable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_message_still_reads()
    {
        var bytes = MemoryPack.MemoryPackSerializer.Serialize(new Worker.Messages.Boom("hello"));

        Assert.Equal("hello", ((Worker.Messages.Boom)Decode<Worker.Messages.Boom>(bytes)!).Message);
    }
}
