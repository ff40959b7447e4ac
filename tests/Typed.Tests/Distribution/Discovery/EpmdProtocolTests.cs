using System.Text;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

/// <summary>The bytes on the wire are Erlang's EPMD layouts, field for field.</summary>
public class EpmdProtocolTests
{
    [Fact]
    public void Alive2_request_is_length_tag_port_type_protocol_versions_name_and_extra()
    {
        var packet = EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped("abc", 0x1234, hidden: true));

        byte[] expected = [0, 16, 120, 0x12, 0x34, 72, 0, 0, 6, 0, 5, 0, 3, (byte)'a', (byte)'b', (byte)'c', 0, 0];
        Assert.Equal(expected, packet);
        Assert.Equal(77, EpmdProtocol.EncodeAlive2Request(EpmdNodeEntry.ForTyped("abc", 1, hidden: false))[5]);
    }

    [Fact]
    public void Port_please2_and_names_requests_are_length_prefixed()
    {
        Assert.Equal([0, 4, 122, (byte)'a', (byte)'b', (byte)'c'], EpmdProtocol.EncodePortPlease2Request("abc"));
        Assert.Equal([0, 1, 110], EpmdProtocol.EncodeNamesRequest());
    }

    [Fact]
    public void Alive2_request_decodes_only_when_every_length_matches()
    {
        var extra = new EpmdNodeEntry("n\u00e9", 4000, 77, 0, 6, 5, [1, 2, 3]);
        var body = EpmdProtocol.EncodeAlive2Request(extra)[2..];

        Assert.True(EpmdProtocol.TryDecodeAlive2Request(body, out var decoded));
        Assert.Equal(("n\u00e9", 4000, (byte)77, (ushort)6, (ushort)5), (decoded.Name, decoded.Port, decoded.NodeType, decoded.HighestVersion, decoded.LowestVersion));
        Assert.Equal([1, 2, 3], decoded.Extra);

        Assert.False(EpmdProtocol.TryDecodeAlive2Request([.. body, 0], out _));           // a byte too many
        Assert.False(EpmdProtocol.TryDecodeAlive2Request(body[..^1], out _));             // a byte short
        Assert.False(EpmdProtocol.TryDecodeAlive2Request([122, .. body[1..]], out _));    // another tag
        var badName = (byte[])body.Clone();
        badName[10] = 0xFF;                                                                // not UTF-8
        Assert.False(EpmdProtocol.TryDecodeAlive2Request(badName, out _));
    }

    [Fact]
    public void Alive2_answers_carry_32_bit_creation_for_version_6_and_16_bit_before()
    {
        var extended = EpmdProtocol.EncodeAlive2Response(ok: true, creation: 0x01020304, extended: true);
        Assert.Equal([118, 0, 1, 2, 3, 4], extended);
        Assert.True(EpmdProtocol.TryDecodeAlive2Response(extended, out var ok, out var creation));
        Assert.True(ok);
        Assert.Equal(0x01020304u, creation);

        var old = EpmdProtocol.EncodeAlive2Response(ok: true, creation: 7, extended: false);
        Assert.Equal([121, 0, 0, 2], old);                                                // 7 % 3 + 1: old nodes know 1..3

        Assert.True(EpmdProtocol.TryDecodeAlive2Response([121, 1, 0, 99], out ok, out _));
        Assert.False(ok);
        Assert.False(EpmdProtocol.TryDecodeAlive2Response([118, 0, 1], out _, out _));
        Assert.False(EpmdProtocol.TryDecodeAlive2Response([119, 0, 0, 1], out _, out _));
    }

    [Fact]
    public void Port2_answer_is_result_then_the_registered_entry()
    {
        var entry = EpmdNodeEntry.ForTyped("node", 4370, hidden: false);
        var packet = EpmdProtocol.EncodePort2Response(entry);

        Assert.Equal([119, 0, 0x11, 0x12, 77, 0, 0, 6, 0, 5, 0, 4, .. "node"u8, 0, 0], packet);
        Assert.True(EpmdProtocol.TryDecodePort2Response(packet, out var decoded));
        Assert.Equal(4370, decoded!.Value.Port);

        Assert.Equal([119, 1], EpmdProtocol.EncodePort2Response(null));
        Assert.True(EpmdProtocol.TryDecodePort2Response([119, 1], out decoded));
        Assert.Null(decoded);
        Assert.False(EpmdProtocol.TryDecodePort2Response([119, 0, 0x11], out _));
        Assert.False(EpmdProtocol.TryDecodePort2Response([118, 1], out _));
    }

    [Fact]
    public void Names_answer_is_the_mapper_port_then_one_line_per_node()
    {
        var packet = EpmdProtocol.EncodeNamesResponse(4369, [("a", 1), ("bb", 65535)]);

        Assert.Equal([0, 0, 0x11, 0x11, .. "name a at port 1\nname bb at port 65535\n"u8], packet);
        Assert.True(EpmdProtocol.TryDecodeNamesResponse(packet, out var names));
        Assert.Equal([("a", 1), ("bb", 65535)], names);

        Assert.True(EpmdProtocol.TryDecodeNamesResponse([0, 0, 0x11, 0x11], out names));
        Assert.Empty(names);
        Assert.False(EpmdProtocol.TryDecodeNamesResponse([0, 0, 0x11, 0x11, .. "name a at port x\n"u8], out _));
        Assert.False(EpmdProtocol.TryDecodeNamesResponse([0, 0, 0x11, 0x11, .. "hello\n"u8], out _));
        Assert.False(EpmdProtocol.TryDecodeNamesResponse([0, 0], out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a@b")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    public void Names_that_cannot_be_registered_are_refused_before_anything_is_sent(string name)
    {
        Assert.False(EpmdProtocol.IsValidName(name));
        Assert.Throws<ArgumentException>(() => { _ = new EpmdClient(Loopback.Address, 1).RegisterAsync(name, 1000, false, default); });
    }

    [Fact]
    public void A_name_may_have_up_to_255_utf8_bytes()
    {
        Assert.True(EpmdProtocol.IsValidName(new string('a', 255)));
        Assert.False(EpmdProtocol.IsValidName(new string('a', 256)));
        Assert.False(EpmdProtocol.IsValidName(new string('\u00e9', 128)));            // 256 bytes
        Assert.Equal(255, Encoding.UTF8.GetByteCount(new string('a', 255)));
    }
}
