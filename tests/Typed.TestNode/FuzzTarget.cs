using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Typed.TestNode.Shared;

namespace Typed.TestNode;

/// <summary>
/// The node the process fuzzer (tests/Typed.Fuzz) attacks, in its own OS process so that a crash is
/// observed, not suffered: <c>--fuzz-target --cookie COOKIE --port-mapper PORT --dial-port PORT</c>.
/// </summary>
/// <remarks>
/// It listens on 127.0.0.1 (a free port), runs the embedded port mapper on the given port, runs
/// <see cref="FuzzEcho"/> (under a supervisor), an <see cref="EchoWorker"/> as <c>echo</c>, and the
/// runtime's own services (global_name_server, pg, rex). It prints <c>port N</c> and <c>ready</c>, then takes commands on stdin until it closes: <c>dial NAME</c> pings NAME, one of
/// <see cref="DialNames"/> nodes that all resolve to the fuzzer's listener on the dial port, so the
/// fuzzer can answer as the acceptor (Challenge, Ack) to a dialling node.
/// </remarks>
internal static class FuzzTarget
{
    /// <summary>The usage line printed on bad arguments.</summary>
    public const string Usage = "usage: Typed.TestNode --fuzz-target --cookie COOKIE --port-mapper PORT --dial-port PORT";

    /// <summary>How many names (<c>fz0@127.0.0.1</c> ...) resolve to the fuzzer's listener.</summary>
    public const int DialNames = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--fuzz-target", "--cookie", var cookie, "--port-mapper", var mapper, "--dial-port", var dial]
            || !int.TryParse(mapper, NumberStyles.None, CultureInfo.InvariantCulture, out var mapperPort)
            || !int.TryParse(dial, NumberStyles.None, CultureInfo.InvariantCulture, out var dialPort))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = new NodeOptions { Name = "target@127.0.0.1", Cookie = cookie, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        options.Distribution.ListenAddress = IPAddress.Loopback;

        // TYPED_FUZZ_TARGET_LOG=Warning (a LogLevel) logs the node to stderr, which the fuzzer keeps the tail of.
        using var logs = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("TYPED_FUZZ_TARGET_LOG"), out var level)
            ? LoggerFactory.Create(b => b.SetMinimumLevel(level).AddSimpleConsole().AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            : null;
        options.LoggerFactory = logs;
        options.Distribution.PortMapperPort = mapperPort;
        options.Distribution.StartPortMapper = true;
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
        for (var i = 0; i < DialNames; i++)
        {
            options.Distribution.StaticAddresses[$"fz{i}@127.0.0.1"] = new IPEndPoint(IPAddress.Loopback, dialPort);
        }

        await using var node = await Node.StartAsync(options);
        node.Spawn<FuzzTargetSupervisor>(new SpawnOptions { Name = FuzzTargetSupervisor.RegisteredName });
        node.Spawn<EchoWorker>(new SpawnOptions { Name = "echo" });
        Console.WriteLine($"port {node.DistributionEndpoint!.Port.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine("ready");

        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("dial ", StringComparison.Ordinal))
            {
                _ = PingAsync(node, line[5..]);
            }
        }

        await node.StopAsync();
        return 0;
    }

    static async Task PingAsync(Node node, string peer)
    {
        try
        {
            await node.PingAsync(peer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A fuzzed handshake may fail in any way the node allows; the node goes on.
        }
    }
}
