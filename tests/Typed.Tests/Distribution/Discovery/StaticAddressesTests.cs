using System.Net;
using Typed.Distribution.Discovery;

namespace Typed.Tests.Distribution.Discovery;

public class StaticAddressesTests
{
    [Fact]
    public void Full_node_names_map_to_their_endpoints()
    {
        var endPoint = new IPEndPoint(Loopback.Address, 5001);
        var addresses = new StaticAddresses([new("a@127.0.0.1", endPoint)]);

        Assert.True(addresses.TryFind("a@127.0.0.1", out var found));
        Assert.Equal(endPoint, found);
        Assert.False(addresses.TryFind("a", out _));
        Assert.False(addresses.TryFind("b@127.0.0.1", out _));
        Assert.Equal(1, addresses.Count);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("@host")]
    [InlineData("a@")]
    public void A_name_without_both_parts_is_refused(string name) =>
        Assert.Throws<ArgumentException>(() => new StaticAddresses([new(name, new IPEndPoint(Loopback.Address, 5001))]));
}
