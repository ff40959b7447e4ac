// samples/Cluster: the README's main job. Until distribution lands it runs one node and narrates
// typed processes, a call, a cast, a link, a crash and its exit reason, and a supervision tree
// restarting a crashed child.
using Typed;
using Typed.Samples.Cluster;

await using var node = await Node.StartAsync(new NodeOptions { Name = "a@127.0.0.1" });
Console.WriteLine($"node {node.Name} started");

var counter = node.Spawn<Counter>(new SpawnOptions { Name = "counter" });
Console.WriteLine($"spawned Counter {counter.Pid}, registered as 'counter'");

Console.WriteLine($"call  Add(5)      -> {await counter.Add(5)}");
Console.WriteLine($"call  Add(3)      -> {await counter.Add(3)}");
counter.Reset();
Console.WriteLine("cast  Reset()     -> returned at once");
Console.WriteLine($"call  Get()       -> {await node.At<Counter>("counter").Get()} (through the registered name)");

var session = node.Spawn(new Session.StartArgs("ada"));
Console.WriteLine($"spawned Session {session.Pid} with start arguments");
Console.WriteLine($"call  Say(\"hi\")   -> {await session.Say("hi")}");
var sessionExit = node.WaitForExitAsync(session.Pid);
session.Leave();
Console.WriteLine($"cast  Leave()     -> the session exited with {await sessionExit}");

var guardian = node.Spawn<Guardian>();
var parser = await guardian.StartParser();
Console.WriteLine($"Guardian {guardian.Pid} traps exits and is linked to Parser {parser.Pid}");
Console.WriteLine($"call  Parse(\"42\") -> {await parser.Parse("42")}");
try
{
    await parser.Parse("forty-two");
}
catch (ProcessExitedException ex)
{
    Console.WriteLine($"call  Parse(\"forty-two\") failed: the parser crashed with {ex.Reason.ExceptionType}");
}

// The EXIT message is served ahead of user messages, so the next call already sees it.
var reports = await guardian.Reports();

Console.WriteLine($"Guardian got the link's exit signal: {reports[0]}");
Console.WriteLine($"the guardian lives on: {await guardian.Reports() is { Count: 1 }}");

var app = node.Spawn<AppSupervisor>(new SpawnOptions { Name = "app" });
foreach (var child in await app.WhichChildren())
{
    Console.WriteLine($"AppSupervisor {app.Pid} runs {child.Id} as {child.Pid} ({child.Status})");
}

var supervised = await app.Parser();                          // generated accessor: the child as it runs now
try
{
    await supervised.Parse("not a number");
}
catch (ProcessExitedException ex)
{
    Console.WriteLine($"call  Parse(...) on the supervised parser failed: it crashed with {ex.Reason.ExceptionType}");
}

// The supervisor serves the child's exit signal before this call: the restart has already happened.
var restarted = await app.Parser();
Console.WriteLine($"the supervisor restarted parser as {restarted.Pid}: Parse(\"7\") -> {await restarted.Parse("7")}");
Console.WriteLine($"children now: {await app.CountChildren()}");

await node.StopAsync();
Console.WriteLine($"node stopped; {node.ProcessCount} processes left");
