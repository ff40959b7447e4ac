using Typed.Distribution.Protocol;
using Typed.Fuzzing;
using Typed.TestNode.Shared;

namespace Typed.Tests.Distribution.Hostile;

/// <summary>
/// Inputs that killed (or once killed) a node, each sent to a node in its own OS process, which must
/// stay up and answer a real call afterwards. Every crash the process fuzzer finds gets a line here,
/// with its bytes exactly as the fuzzer sent them.
/// </summary>
public class ProcessFuzzRegressionTests
{
    /// <summary>The 31-byte Hello that killed version-2 nodes.</summary>
    const string Hello31 = "1b000000010002000000000000000000010000000000008000000000614062";

    [Fact]
    public async Task The_31_byte_hello_is_refused_by_a_node_in_its_own_process_which_stays_up()
    {
        using var target = await TargetProcess.StartAsync("regression", TargetProcess.FreePort(), TimeSpan.FromSeconds(30));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using (var socket = await WireSocket.ConnectAsync(target.Endpoint, null, deadline.Token))
        {
            Assert.True(await socket.SendAsync(Convert.FromHexString(Hello31), deadline.Token));
            var answer = await socket.ReadFrameAsync(512, deadline.Token);
            Assert.NotNull(answer);
            Assert.Equal((byte)FrameKind.Refuse, answer[0]);   // "protocol version 512 is not 3"
            Assert.True(await socket.DrainAsync(deadline.Token), "the node did not close the connection");
        }

        Assert.False(target.HasExited);
        await target.StopAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(nameof(FuzzCategory.AcceptHello), Hello31)]
    public async Task A_node_in_its_own_process_survives(string category, string hex)
    {
        var crashes = await ProcessFuzzer.ReplayAsync([(Enum.Parse<FuzzCategory>(category), Convert.FromHexString(hex))]);
        Assert.True(crashes.Count == 0, string.Join('\n', crashes));
    }

    /// <summary>
    /// Found by the process fuzzer: a call or cast whose payload is MemoryPack's null object header (one
    /// byte, 0xFF) was delivered to the handler as a null message, which crashed the process (echo, pg,
    /// global_name_server; enough of them and the kernel supervisor gave up). Now refused at the
    /// connection like any payload that does not decode; the process goes on.
    /// </summary>
    [Fact]
    public async Task A_request_whose_payload_reads_as_null_is_refused_and_the_process_goes_on()
    {
        static byte[] Request(FrameKind kind, ulong callRef, int id) => FrameBytes.Wire(new FrameBytes()
            .U8((byte)kind).U64(callRef).I32(id).SenderPid(7, 1).NoPid().String("echo").U8(0xFF).ToArray());

        var cast = Request(FrameKind.Cast, 0, EchoWorker.Messages.Descriptor.Messages.Single(m => m.Handler == "Note").Id);
        var call = Request(FrameKind.Call, 1, EchoWorker.Messages.Descriptor.Messages.Single(m => m.Handler == "Ping").Id);

        var crashes = await ProcessFuzzer.ReplayAsync([(FuzzCategory.Payloads, cast), (FuzzCategory.Payloads, call)], "echo");
        Assert.True(crashes.Count == 0, string.Join('\n', crashes));
    }

    /// <summary>
    /// Found by the process fuzzer before positional [MemoryPackable] records got checked formatters:
    /// info messages sent by name whose payload holds a runtime record (<c>Down</c>) with a string length
    /// header of 0x80000000. MemoryPack 1.21.4's own formatter read out of bounds (AccessViolationException)
    /// and the node's process died (exit code 134). Each line is a crashing input exactly as sent.
    /// </summary>
    [Theory]
    [InlineData("SendNamed pg, Down (seed 1, worker 4, session 652)",
        "670000000B020000007067C04E1C080302F3FFFFFF0C0000006677403132372E302E302E31070000000000000003F3FFFFFF0C0000006677403132372E302E302E310700000000000000010000000507000000FBFFFFFF0400000066757A7AFFFFFFFF00000080FFFFFFFF")]
    [InlineData("SendNamed global_name_server, Down (seed 5, worker 5, session 299)",
        "780000000B12000000676C6F62616C5F6E616D655F736572766572C04E1C080302F3FFFFFF0C0000006677401132372E302F302E31070000000000000003F3FFFFFF0C0000006677403132372E302E302E310700000000000000010000000507000000FBFFFFFF0400000066757A7A00000080FFFFFFFFFFFFFFFFFF")]
    public async Task A_message_with_a_string_header_of_0x80000000_in_a_runtime_record_does_not_kill_the_node(string found, string hex)
    {
        var crashes = await ProcessFuzzer.ReplayAsync([(FuzzCategory.Payloads, Convert.FromHexString(hex))]);
        Assert.True(crashes.Count == 0, found + "\n" + string.Join('\n', crashes));
    }
}
