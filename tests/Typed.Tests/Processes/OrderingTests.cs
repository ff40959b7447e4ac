using Typed.Tests.Behaviours;

namespace Typed.Tests.Processes;

public class OrderingTests
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order_under_concurrent_senders()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var sink = node.Spawn<Sink>();
        const int senders = 4;
        const int perSender = 20_000;

        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var n = 0; n < perSender; n++)
            {
                sink.Send(new Seq(s, n));
            }
        })));

        await Eventually.True(async () => await sink.Count() == senders * perSender, "every message counted");
        Assert.Equal(0, await sink.Violations());
    }

    [Fact]
    public async Task Casts_and_calls_from_one_caller_are_handled_in_send_order()
    {
        var (node, _, _) = await TestNodes.StartAsync();
        await using var _ = node;
        var store = node.Spawn(new Store.StartArgs("s"));
        for (var i = 0; i < 1000; i++)
        {
            store.Put("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The call is queued behind every cast, so it sees the last one.
        Assert.Equal("999", await store.Get("k"));
    }
}
