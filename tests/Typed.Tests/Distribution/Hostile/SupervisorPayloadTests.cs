using System.Buffers;
using MemoryPack;
using Typed.CompilerServices;
using Typed.Supervision;
using Typed.Tests.Behaviours;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// The supervisor requests and replies a peer may send: every truncation and seeded random mutations
/// either decode or are refused with MemoryPack's own error; a spec naming what this node lacks
/// becomes a request the supervisor refuses, not a broken connection.
/// </summary>
public class SupervisorPayloadTests
{
    static readonly object[] Values =
    [
        new ChildRequest("a", new Pid("b@127.0.0.1", 4, 2)),
        new ChildRequest(Spec: ChildSpec.Of<Member>("m", Restart.Transient, 300, significant: true, name: "n").On(Placement.Preferred(["x@h", "y@h"], takeover: true)).With(SplitBrain.KeepMajority)),
        new ChildRequest(Args: new Job.StartArgs("job"), ArgsBehaviour: Job.Messages.Descriptor),
        new ChildRequest(Spec: ChildSpec.Of<Member>("g").On(Placement.RoundRobinOverGroup("workers"))),
        new ChildReply(new Pid("b@127.0.0.1", 4, 2), SupervisorError.StartFailed, ExitReason.Custom("why")),
        new ChildInfo[] { new("a", new Pid("b@127.0.0.1", 4, 2), ChildStatus.Running, ChildType.Worker, "W"), new("b", default, ChildStatus.Restarting, ChildType.Supervisor, "S") },
        new ChildCounts(3, 2, 1, 2),
    ];

    static MessageCodec Codec(object value) => value switch
    {
        ChildRequest => MessageCodec<ChildRequest>.Instance,
        ChildReply => MessageCodec<ChildReply>.Instance,
        ChildInfo[] => MessageCodec<ChildInfo[]>.Instance,
        _ => MessageCodec<ChildCounts>.Instance,
    };

    static byte[] Bytes(object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Codec(value).Serialize(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Each_value_round_trips()
    {
        foreach (var value in Values)
        {
            var back = Codec(value).Deserialize(new ReadOnlySequence<byte>(Bytes(value)));
            switch (value)
            {
                case ChildRequest { Spec: { } spec }:
                    var read = Assert.IsType<ChildRequest>(back).Spec!;
                    Assert.Equal(spec.ToString(), read.ToString());
                    Assert.Equal((spec.Shutdown, spec.Significant, spec.Name, spec.SplitBrain), (read.Shutdown, read.Significant, read.Name, read.SplitBrain));
                    break;
                case ChildRequest { Args: Job.StartArgs args }:
                    Assert.Equal(args.Name, Assert.IsType<Job.StartArgs>(Assert.IsType<ChildRequest>(back).Args).Name);
                    break;
                case ChildInfo[] infos:
                    Assert.Equal(infos, Assert.IsType<ChildInfo[]>(back));
                    break;
                default:
                    Assert.Equal(value, back);
                    break;
            }
        }
    }

    [Fact]
    public void Every_truncation_and_seeded_mutations_decode_or_are_refused()
    {
        var random = new Random(20261203);
        foreach (var value in Values)
        {
            var bytes = Bytes(value);
            var codec = Codec(value);
            for (var length = 0; length < bytes.Length; length++)
            {
                Refused(codec, bytes.AsSpan(0, length).ToArray());
            }

            for (var i = 0; i < 2_000; i++)
            {
                var mutated = (byte[])bytes.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                Refused(codec, mutated, orDecoded: true);
            }
        }
    }

    [Fact]
    public void A_spec_of_a_behaviour_this_node_lacks_is_a_request_to_refuse()
    {
        var bytes = Bytes(new ChildRequest(Spec: ChildSpec.Of<Member>("m")));
        var id = BitConverter.GetBytes(Member.Messages.Descriptor.Id);
        var at = bytes.AsSpan().LastIndexOf(id);
        BitConverter.GetBytes(int.MaxValue - 7).CopyTo(bytes, at);

        var request = Assert.IsType<ChildRequest>(MessageCodec<ChildRequest>.Instance.Deserialize(new ReadOnlySequence<byte>(bytes)));

        Assert.Null(request.Spec);
        Assert.Equal("{unknown_behaviour," + (int.MaxValue - 7) + "}", request.Invalid);
    }

    static void Refused(MessageCodec codec, byte[] bytes, bool orDecoded = false)
    {
        try
        {
            codec.Deserialize(new ReadOnlySequence<byte>(bytes));
            Assert.True(orDecoded || bytes.Length == 0, $"{bytes.Length} truncated bytes decoded");
        }
        catch (MemoryPackSerializationException)
        {
            // Refused, as it must be.
        }
    }
}
