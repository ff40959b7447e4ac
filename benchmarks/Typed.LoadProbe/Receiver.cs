using System.Globalization;
using Typed.TestNode.Shared;

namespace Typed.LoadProbe;

/// <summary>
/// The receiving node (<c>--role receiver</c>): registers with the probe's port mapper, runs a
/// <see cref="LoadSink"/> registered as "load" and one as "bulk" (for large messages), prints "ready" and serves until its stdin closes (the
/// probe holds the pipe, so a probe that dies takes its receivers with it).
/// </summary>
internal static class Receiver
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["--name", var name, "--cookie", var cookie, "--port-mapper", var port, "--tick-ms", var tick])
        {
            await Console.Error.WriteLineAsync(ProbeSettings.Usage);
            return 2;
        }

        var options = new NodeOptions { Name = name, Cookie = cookie, ShutdownTimeout = TimeSpan.FromSeconds(2) };
        options.Distribution.PortMapperPort = int.Parse(port, CultureInfo.InvariantCulture);
        options.Distribution.StartPortMapper = false;   // the probe's node runs it
        options.Distribution.TickTime = TimeSpan.FromMilliseconds(int.Parse(tick, CultureInfo.InvariantCulture));
        options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
        await using var node = await Node.StartAsync(options);
        node.Spawn<LoadSink>(new SpawnOptions { Name = "load" });
        node.Spawn<LoadSink>(new SpawnOptions { Name = "bulk" });
        Console.WriteLine("ready");

        await Console.OpenStandardInput().CopyToAsync(Stream.Null);
        await node.StopAsync();
        return 0;
    }
}
