// A node for the multi-process tests: starts a distributed node registered with the test's port
// mapper, runs an EchoWorker registered as "echo" and a LoadSink registered as "load", prints "ready"
// and serves until stdin closes (the test holds the pipe; a killed test closes it too). With
// --fuzz-target it is the process fuzzer's target instead (FuzzTarget.cs).
using Typed;
using Typed.TestNode;
using Typed.TestNode.Shared;

if (args is ["--fuzz-target", ..])
{
    return await FuzzTarget.RunAsync(args);
}

if (NodeArguments.Parse(args) is not { } arguments)
{
    await Console.Error.WriteLineAsync(NodeArguments.Usage);
    return 2;
}

var options = new NodeOptions { Name = arguments.Name, Cookie = arguments.Cookie, ShutdownTimeout = TimeSpan.FromSeconds(2) };
options.Distribution.PortMapperPort = arguments.PortMapperPort;
options.Distribution.StartPortMapper = false;   // the test's node runs it
options.Distribution.TickTime = arguments.TickTime;
options.Distribution.HandshakeTimeout = TimeSpan.FromSeconds(2);
await using var node = await Node.StartAsync(options);
node.Spawn<EchoWorker>(new SpawnOptions { Name = "echo" });
node.Spawn<LoadSink>(new SpawnOptions { Name = "load" });
Console.WriteLine("ready");

await Console.OpenStandardInput().CopyToAsync(Stream.Null);
await node.StopAsync();
return 0;
